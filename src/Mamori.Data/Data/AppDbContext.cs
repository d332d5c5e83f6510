using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Mamori.Domain;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Mamori.Data;

/// <summary>The one database context. Every save renews the version token of changed aggregates and
/// writes the audit trail in the same transaction, so a change and its audit row commit together.</summary>
public class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    // Taken from the application's (root) services, so the context can be pooled: all three are singletons
    // (the actor reads the current request through IHttpContextAccessor). Missing ones fall back to the system.
    private IServiceProvider? AppServices => _appServices ??= options.FindExtension<Microsoft.EntityFrameworkCore.Infrastructure.CoreOptionsExtension>()?.ApplicationServiceProvider;
    private IServiceProvider? _appServices;
    private ICurrentActor CurrentActor => AppServices?.GetService(typeof(ICurrentActor)) as ICurrentActor ?? SystemActor.Instance;
    private ISecurityStampObserver? StampObserver => AppServices?.GetService(typeof(ISecurityStampObserver)) as ISecurityStampObserver;
    private TimeProvider Clock => AppServices?.GetService(typeof(TimeProvider)) as TimeProvider ?? TimeProvider.System;

    public DbSet<Country> Countries => Set<Country>();
    public DbSet<Region> Regions => Set<Region>();
    public DbSet<FiscalYear> FiscalYears => Set<FiscalYear>();
    public DbSet<TargetCountry> TargetCountries => Set<TargetCountry>();
    public DbSet<Company> Companies => Set<Company>();
    public DbSet<Base> Bases => Set<Base>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<Expert> Experts => Set<Expert>();
    public DbSet<ExpertCountry> ExpertCountries => Set<ExpertCountry>();
    public DbSet<Domain.Application> Applications => Set<Domain.Application>();
    public DbSet<InformationAsset> InformationAssets => Set<InformationAsset>();
    public DbSet<ApplicationStatusChange> ApplicationStatusChanges => Set<ApplicationStatusChange>();
    public DbSet<Engagement> Engagements => Set<Engagement>();
    public DbSet<EngagementExpert> EngagementExperts => Set<EngagementExpert>();
    public DbSet<EngagementSession> Sessions => Set<EngagementSession>();
    public DbSet<Deliverable> Deliverables => Set<Deliverable>();
    public DbSet<DeliverableVersion> DeliverableVersions => Set<DeliverableVersion>();
    public DbSet<StoredFile> StoredFiles => Set<StoredFile>();
    public DbSet<CatalogueVersion> CatalogueVersions => Set<CatalogueVersion>();
    public DbSet<CatalogueSection> CatalogueSections => Set<CatalogueSection>();
    public DbSet<CatalogueItem> CatalogueItems => Set<CatalogueItem>();
    public DbSet<Diagnosis> Diagnoses => Set<Diagnosis>();
    public DbSet<DiagnosisEvidence> DiagnosisEvidence => Set<DiagnosisEvidence>();
    public DbSet<PlanItem> PlanItems => Set<PlanItem>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Who the audit rows name for this unit of work.</summary>
    public ICurrentActor Actor => CurrentActor;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        if (Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            // The answers column has been jsonb since answers moved into the row; the text we write is valid JSON.
            builder.Entity<Diagnosis>().Property(x => x.Answers).HasColumnType("jsonb");
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        if (Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite")
        {
            // SQLite has no instant type and EF cannot order or compare DateTimeOffset there; a fixed-width
            // UTC text sorts chronologically and stays readable in the sqlite3 shell.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTextConverter>();
        }
    }

    private sealed class UtcTextConverter() : ValueConverter<DateTimeOffset, string>(
        v => v.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
        v => DateTimeOffset.Parse(v, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal));

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ChangeTracker.DetectChanges();
        var now = Clock.GetUtcNow();
        var stamps = StampObserver;
        var actor = CurrentActor;
        var restamped = stamps is null ? [] : ChangeTracker.Entries<ApplicationUser>()
            .Where(e => e.State == EntityState.Modified && e.Property(u => u.SecurityStamp).IsModified)
            .Select(e => e.Entity.Id).ToList();
        var pending = new List<PendingAudit>();
        foreach (var entry in ChangeTracker.Entries().ToList())
        {
            if (entry.State is EntityState.Added or EntityState.Modified && entry.Entity is IVersioned versioned)
            {
                versioned.Version = Guid.NewGuid();
            }
            if (!bulk && entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && IsAudited(entry))
            {
                var changes = DescribeChanges(entry);
                if (entry.State != EntityState.Modified || changes.Count > 0)
                {
                    var temporary = entry.Properties.Where(p => p.IsTemporary && changes.ContainsKey(p.Metadata.Name)).Select(p => p.Metadata.Name).ToList();
                    pending.Add(new PendingAudit(entry, entry.State, changes, temporary));
                }
            }
        }
        if (pending.Count == 0)
        {
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            restamped.ForEach(id => stamps!.Changed(id));
            return saved;
        }

        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            var result = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            var rows = new List<AuditEntry>(pending.Count);
            foreach (var p in pending)
            {
                // A key or foreign key the database generated was a temporary value when the change was described
                // (a new base of a new company); the row records the real one.
                foreach (var name in p.Temporary)
                {
                    p.Changes[name][1] = Show(p.Entry.Property(name).CurrentValue);
                }
                rows.Add(new AuditEntry
                {
                    At = now,
                    UserId = actor.UserId,
                    UserName = actor.UserName,
                    IpAddress = actor.IpAddress,
                    Action = p.State switch
                    {
                        EntityState.Added => AuditActions.Created,
                        EntityState.Deleted => AuditActions.Deleted,
                        _ => AuditActions.Updated,
                    },
                    EntityType = p.Entry.Metadata.ClrType.Name,
                    EntityId = KeyOf(p.Entry),
                    Changes = p.Changes.Count == 0 ? "" : JsonSerializer.Serialize(p.Changes, AuditJson),
                });
            }
            await SaveAuditRowsAsync(rows, cancellationToken);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }
            restamped.ForEach(id => stamps!.Changed(id));
            return result;
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    private bool bulk;

    /// <summary>Runs a bulk change (a workbook import) in one transaction, with one audit row that describes it instead
    /// of one row per record (a large year wrote about 140,000; issue #19). <paramref name="change"/> may save as often
    /// as it likes, so that each save handles a part of the records and the change tracker's work stays small. It
    /// returns the description of the change, which is then saved and committed with its audit row; or null, and
    /// everything it saved is rolled back and the change tracker cleared. False when rolled back.</summary>
    public async Task<bool> BulkChangeAsync(Func<CancellationToken, Task<BulkChange?>> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        BulkChange? described;
        bulk = true;
        try
        {
            described = await change(cancellationToken);
            if (described is not null)
            {
                await SaveChangesAsync(true, cancellationToken);
            }
        }
        finally
        {
            bulk = false;
        }
        if (described is null)
        {
            ChangeTracker.Clear();
            return false;
        }
        await AuditAsync(described.Action, described.EntityType, described.EntityId(), described.Details, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Writes one audit row for an event that is not a data change (login, denial, export...), with
    /// whatever else the context tracks.</summary>
    public async Task AuditAsync(string action, string entityType = "", string entityId = "", string details = "", CancellationToken cancellationToken = default)
    {
        var row = new AuditEntry
        {
            At = Clock.GetUtcNow(),
            UserId = CurrentActor.UserId,
            UserName = CurrentActor.UserName,
            IpAddress = CurrentActor.IpAddress,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Changes = details,
        };
        var ownTransaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            await SaveAuditRowsAsync([row], cancellationToken);
            if (ownTransaction is not null)
            {
                await ownTransaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            if (ownTransaction is not null)
            {
                await ownTransaction.DisposeAsync();
            }
        }
    }

    /// <summary>Inserts audit rows and seals them into their day's chain (<see cref="AuditChain"/>), inside the
    /// caller's transaction. The chain's order is the rows' ids, so the rows are sealed once the database has given
    /// them ids, while this transaction holds the write order: on SQLite the write lock its transaction took at BEGIN
    /// (EF Core's SQLite transactions begin immediate), on PostgreSQL the chain's advisory lock, taken before the rows
    /// get ids and kept until commit.</summary>
    private async Task SaveAuditRowsAsync(List<AuditEntry> rows, CancellationToken cancellationToken)
    {
        if (Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            await Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AuditChain.PostgresLockKey})", cancellationToken);
        }
        foreach (var row in rows)
        {
            row.At = AuditChain.Stored(row.At);
        }
        AuditEntries.AddRange(rows);
        await base.SaveChangesAsync(true, cancellationToken);
        var heads = new Dictionary<DateOnly, string>();
        foreach (var row in rows.OrderBy(r => r.Id))
        {
            var day = AuditChain.DayOf(row);
            if (!heads.TryGetValue(day, out var previous))
            {
                // Almost always the row just before, found by the primary key; only the first row of a day (or a row
                // whose day ended while another transaction held the lock) needs the day's range, which would scan
                // the whole day if asked every time (the self-check submit fell from 1,900 to 260 requests/s).
                var id = row.Id;
                var before = await AuditEntries.AsNoTracking().Where(a => a.Id < id).OrderByDescending(a => a.Id)
                    .Select(a => new { a.At, a.Hash }).FirstOrDefaultAsync(cancellationToken);
                if (before is not null && before.Hash.Length > 0 && DateOnly.FromDateTime(before.At.UtcDateTime) == day)
                {
                    previous = before.Hash;
                }
                else
                {
                    var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                    var end = start.AddDays(1);
                    previous = await AuditEntries.AsNoTracking()
                        .Where(a => a.Id < id && a.At >= start && a.At < end && a.Hash != "")
                        .OrderByDescending(a => a.Id).Select(a => a.Hash).FirstOrDefaultAsync(cancellationToken)
                        ?? AuditChain.Genesis(day);
                }
            }
            row.PreviousHash = previous;
            row.Hash = AuditChain.HashOf(row);
            heads[day] = row.Hash;
        }
        await base.SaveChangesAsync(true, cancellationToken);
    }

    /// <summary>How audit details are written: JSON with Japanese text kept readable (not \u-escaped).</summary>
    public static readonly JsonSerializerOptions AuditJson = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    private sealed record PendingAudit(EntityEntry Entry, EntityState State, Dictionary<string, string?[]> Changes, List<string> Temporary);

    private static readonly HashSet<Type> Unaudited =
    [
        typeof(AuditEntry), typeof(DataProtectionKey), typeof(StoredFile),
        typeof(IdentityUserToken<string>), typeof(IdentityUserLogin<string>), typeof(IdentityUserClaim<string>),
        typeof(IdentityRoleClaim<string>),
        // Catalogue items and sections are immutable parts of an audited catalogue version. (A diagnosis is audited
        // as one record; its answers are a sensitive-text property of it, logged as changed without their content.)
        typeof(CatalogueItem), typeof(CatalogueSection),
    ];

    // Identity bookkeeping that changes on every login; login events are audited on their own.
    private static readonly HashSet<string> UnauditedUserProperties =
    [
        nameof(ApplicationUser.PasswordHash), nameof(ApplicationUser.SecurityStamp), nameof(ApplicationUser.ConcurrencyStamp),
        nameof(ApplicationUser.AccessFailedCount), nameof(ApplicationUser.LockoutEnd), nameof(ApplicationUser.TotpLastStep),
        nameof(ApplicationUser.NormalizedEmail), nameof(ApplicationUser.NormalizedUserName),
    ];

    /// <summary>[NotAudited] and [SensitiveText] per property, looked up once (reflection on every save showed in profiles).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<PropertyInfo, (bool NotAudited, bool Sensitive)> AttributeCache = new();

    private static bool IsAudited(EntityEntry entry) => !Unaudited.Contains(entry.Metadata.ClrType);

    private static Dictionary<string, string?[]> DescribeChanges(EntityEntry entry)
    {
        var changes = new Dictionary<string, string?[]>();
        foreach (var property in entry.Properties)
        {
            var meta = property.Metadata;
            var name = meta.Name;
            if (name == nameof(IVersioned.Version))
            {
                continue;
            }
            var (notAudited, sensitive) = meta.PropertyInfo is { } clrProperty
                ? AttributeCache.GetOrAdd(clrProperty, p => (p.GetCustomAttribute<NotAuditedAttribute>() is not null, p.GetCustomAttribute<SensitiveTextAttribute>() is not null))
                : (false, false);
            if (notAudited || entry.Entity is ApplicationUser && UnauditedUserProperties.Contains(name))
            {
                continue;
            }
            string? before, after;
            switch (entry.State)
            {
                case EntityState.Added:
                    if (meta.IsPrimaryKey() && meta.ValueGenerated != Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never)
                    {
                        continue;
                    }
                    before = null;
                    after = Show(property.CurrentValue);
                    if (after is null or "")
                    {
                        continue;
                    }
                    break;
                case EntityState.Deleted:
                    before = Show(property.OriginalValue);
                    after = null;
                    if (before is null or "")
                    {
                        continue;
                    }
                    break;
                default:
                    if (!property.IsModified || Equals(property.OriginalValue, property.CurrentValue))
                    {
                        continue;
                    }
                    before = Show(property.OriginalValue);
                    after = Show(property.CurrentValue);
                    break;
            }
            changes[name] = sensitive ? [before is null ? null : "***", after is null ? null : "***"] : [before, after];
        }
        return changes;
    }

    private static string? Show(object? value) => value switch
    {
        null => null,
        DateTimeOffset d => d.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        byte[] => "(binary)",
        _ => value.ToString(),
    };

    private static string KeyOf(EntityEntry entry) =>
        string.Join("/", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Show(entry.Property(p.Name).CurrentValue)));
}
