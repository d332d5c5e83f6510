using Mamori.Data;
using Mamori.Domain;
using Mamori.Web.Security;
using Microsoft.Extensions.Localization;

namespace Mamori.Web.Pages.Diagnoses;

/// <summary>The expert's hearing in an engagement.</summary>
[EngagementOperation(nameof(EngagementOperations.Hearing))]
public sealed class HearingModel(AppDbContext db, CatalogueCache catalogues, TimeProvider time, IStringLocalizer<SharedResource> t)
    : DiagnosisEditModel(db, catalogues, time, t)
{
    public override DiagnosisKind Kind => DiagnosisKind.ExpertHearing;
}
