namespace Mamori.Web;

/// <summary>Marks a type in a feature folder (Pages/&lt;Feature&gt;) that other features may use. Everything else in a
/// feature folder is that feature's own; the architecture test fails when another feature reaches into it.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Enum | AttributeTargets.Interface, Inherited = false)]
public sealed class FeatureApiAttribute : Attribute;
