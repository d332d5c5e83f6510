namespace Mamori.Domain;

/// <summary>One status move of an application: who, when, why.</summary>
public class ApplicationStatusChange
{
    public int Id { get; set; }
    public int ApplicationId { get; set; }
    public ApplicationStatus From { get; set; }
    public ApplicationStatus To { get; set; }
    public DateTimeOffset At { get; set; }
    public string? UserId { get; set; }
    public string UserName { get; set; } = "";
    public string Reason { get; set; } = "";
}
