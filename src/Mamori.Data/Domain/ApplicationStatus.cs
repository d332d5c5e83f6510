namespace Mamori.Domain;

public enum ApplicationStatus
{
    /// <summary>受付.</summary>
    Received = 0,
    /// <summary>審査中.</summary>
    Screening = 1,
    /// <summary>採択.</summary>
    Accepted = 2,
    /// <summary>補欠（待機）.</summary>
    Waitlisted = 3,
    /// <summary>不採択.</summary>
    Declined = 4,
    /// <summary>取下げ.</summary>
    Withdrawn = 5,
}
