using Mamori.Data;
using Mamori.Domain;
using Mamori.Web.Security;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Pages.Diagnoses;

/// <summary>The company's own self-check in an engagement.</summary>
[EngagementOperation(nameof(EngagementOperations.SelfCheck))]
public sealed class SelfCheckModel(AppDbContext db, CatalogueCache catalogues, TimeProvider time, IStringLocalizer<SharedResource> t)
    : DiagnosisEditModel(db, catalogues, time, t)
{
    public override DiagnosisKind Kind => DiagnosisKind.CompanySelfCheck;
}
