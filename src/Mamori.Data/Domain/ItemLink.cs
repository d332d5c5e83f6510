namespace Mamori.Domain;

public sealed record ItemLink(string Kind, string Ref, string Ja, string En);
