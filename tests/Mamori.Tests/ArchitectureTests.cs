using System.Reflection;
using Mamori.Domain;

namespace Mamori.Tests;

/// <summary>Keeps the shape STYLE.md asks for: Domain knows nothing of ASP.NET Core or EF Core.</summary>
public class ArchitectureTests
{
    private static readonly string[] Forbidden = ["Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "Npgsql", "Mamori.Web", "Mamori.Data"];

    private static IEnumerable<Type> Referenced(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        if (type.BaseType is not null)
        {
            yield return type.BaseType;
        }
        foreach (var i in type.GetInterfaces())
        {
            yield return i;
        }
        foreach (var f in type.GetFields(all))
        {
            yield return f.FieldType;
        }
        foreach (var p in type.GetProperties(all))
        {
            yield return p.PropertyType;
        }
        foreach (var m in type.GetMethods(all))
        {
            yield return m.ReturnType;
            foreach (var p in m.GetParameters())
            {
                yield return p.ParameterType;
            }
        }
        foreach (var a in type.GetCustomAttributes(false))
        {
            yield return a.GetType();
        }
    }

    private static IEnumerable<Type> Flatten(Type t) =>
        t.IsGenericType ? t.GetGenericArguments().SelectMany(Flatten).Append(t.GetGenericTypeDefinition())
        : t.HasElementType ? Flatten(t.GetElementType()!)
        : [t];

    [Fact]
    public void Domain_references_no_framework_or_outer_layer()
    {
        var domainTypes = typeof(Engagement).Assembly.GetTypes().Where(t => t.Namespace == "Mamori.Domain").ToList();
        Assert.NotEmpty(domainTypes);
        var violations = domainTypes
            .SelectMany(t => Referenced(t).SelectMany(Flatten).Select(r => (t, r)))
            .Where(x => x.r.Namespace is { } ns && Forbidden.Any(f => ns.StartsWith(f, StringComparison.Ordinal)))
            .Select(x => $"{x.t.Name} → {x.r.FullName}")
            .Distinct()
            .ToList();
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }
}
