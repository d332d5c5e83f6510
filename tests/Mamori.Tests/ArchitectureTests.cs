using System.Reflection;
using System.Reflection.Emit;
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

    /// <summary>The feature folder a type belongs to: "Engagements" for Mamori.Web.Pages.Engagements(.Sessions…) and for the
    /// compiled views Pages_Engagements_…; null for code outside Pages/ and for the shared views.</summary>
    internal static string? FeatureOf(Type type)
    {
        var outer = type;
        while (outer.DeclaringType is not null)
        {
            outer = outer.DeclaringType;
        }
        string? feature = null;
        if (outer.Namespace is { } ns && ns.StartsWith("Mamori.Web.Pages.", StringComparison.Ordinal))
        {
            feature = ns["Mamori.Web.Pages.".Length..].Split('.')[0];
        }
        else if (outer.Namespace == "AspNetCoreGeneratedDocument" && outer.Name.StartsWith("Pages_", StringComparison.Ordinal))
        {
            var parts = outer.Name.Split('_');
            feature = parts.Length > 2 ? parts[1] : null; // Pages_Index is the home page, Pages_Foo_Bar is feature Foo
        }
        return feature is null or "Shared" ? null : feature;
    }

    private static bool Published(Type type)
    {
        for (var t = type; t is not null; t = t.DeclaringType)
        {
            if (t.IsDefined(typeof(Mamori.Web.FeatureApiAttribute), false))
            {
                return true;
            }
        }
        return false;
    }

    [Fact]
    public void A_feature_folder_uses_no_other_features_internals()
    {
        var web = typeof(Mamori.Web.FeatureApiAttribute).Assembly;
        var views = Assembly.Load("Mamori.Web");
        var violations = web.GetTypes().Concat(views == web ? [] : views.GetTypes())
            .Select(t => (Type: t, Feature: FeatureOf(t)))
            .Where(x => x.Feature is not null)
            .SelectMany(x => Referenced(x.Type).SelectMany(Flatten).Concat(UsedInBodies(x.Type))
                .Where(r => r.Assembly == web && FeatureOf(r) is { } other && other != x.Feature && !Published(r))
                .Select(r => $"{x.Type.FullName} ({x.Feature}) uses {r.FullName} ({FeatureOf(r)})"))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.True(violations.Count == 0, "Mark the type [FeatureApi] if other features may use it, or move it out of the feature:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void The_feature_rule_sees_a_reference_made_inside_a_method_body()
    {
        // A check that only read signatures would miss most uses; this guards the IL reading itself.
        var used = UsedInBodies(typeof(ReachesIntoAFeature)).ToList();
        Assert.Contains(typeof(Mamori.Web.Pages.Engagements.DetailsModel), used);
        Assert.Contains(typeof(Mamori.Web.Pages.Engagements.Sessions.EditModel.InputModel), used);
    }

    private static class ReachesIntoAFeature
    {
        public static int Uses() =>
            typeof(Mamori.Web.Pages.Engagements.DetailsModel).Name.Length + new List<Mamori.Web.Pages.Engagements.Sessions.EditModel.InputModel>().Count;
    }

    /// <summary>Types named by the IL of a type's methods and constructors: calls, field accesses, object creations,
    /// type tokens (casts, typeof, generic arguments).</summary>
    private static List<Type> UsedInBodies(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var bodies = type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all));
        var found = new List<Type>();
        foreach (var method in bodies)
        {
            byte[]? il;
            try
            {
                il = method.GetMethodBody()?.GetILAsByteArray();
            }
            catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or BadImageFormatException)
            {
                continue;
            }
            if (il is null)
            {
                continue;
            }
            var typeArgs = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
            var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
            for (var i = 0; i < il.Length;)
            {
                var op = il[i] == 0xFE ? TwoByte[il[i + 1]] : OneByte[il[i]];
                i += op.Size;
                var operand = OperandSize(op.OperandType, il, i);
                if (op.OperandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
                {
                    var token = BitConverter.ToInt32(il, i);
                    try
                    {
                        switch (method.Module.ResolveMember(token, typeArgs, methodArgs))
                        {
                            case Type t:
                                found.AddRange(Flatten(t));
                                break;
                            case MethodBase m:
                                found.AddRange(Flatten(m.DeclaringType!));
                                if (m.IsGenericMethod)
                                {
                                    found.AddRange(m.GetGenericArguments().SelectMany(Flatten));
                                }
                                break;
                            case FieldInfo f:
                                found.AddRange(Flatten(f.DeclaringType!));
                                found.AddRange(Flatten(f.FieldType));
                                break;
                        }
                    }
                    catch (Exception ex) when (ex is ArgumentException or BadImageFormatException or TypeLoadException or FileNotFoundException)
                    {
                        // A member of an assembly that is not loaded here cannot be one of Mamori.Web's features.
                    }
                }
                i += operand;
            }
        }
        return found;
    }

    private static readonly OpCode[] OneByte = new OpCode[256];
    private static readonly OpCode[] TwoByte = new OpCode[256];

#pragma warning disable CA1810 // the opcode tables are filled from reflection once
    static ArchitectureTests()
#pragma warning restore CA1810
    {
        foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var op = (OpCode)field.GetValue(null)!;
            var value = (ushort)op.Value;
            if (op.Size == 1)
            {
                OneByte[value] = op;
            }
            else
            {
                TwoByte[value & 0xFF] = op;
            }
        }
    }

    private static int OperandSize(OperandType type, byte[] il, int at) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + (BitConverter.ToInt32(il, at) * 4),
        _ => 4,
    };
}
