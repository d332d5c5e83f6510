using Microsoft.AspNetCore.Identity;

namespace Mamori.Data;

/// <summary>A login account. Company users carry the company they belong to; experts are linked from
/// <see cref="Domain.Expert.UserId"/>. Lives in Data (not Domain) because it derives from Identity.</summary>
public class ApplicationUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public int? CompanyId { get; set; }
    public Domain.DateStyle DateStyle { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The time step (30 s since the Unix epoch) of the last authenticator code accepted for this account. A
    /// code of that step or an earlier one is refused, so no code is ever accepted twice (RFC 6238 §5.2).</summary>
    public long? TotpLastStep { get; set; }
}
