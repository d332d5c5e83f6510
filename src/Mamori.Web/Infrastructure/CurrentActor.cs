using Mamori.Data;
using Mamori.Web.Security;

namespace Mamori.Web.Infrastructure;

/// <summary>The signed-in user of the current request, for the audit trail.</summary>
public sealed class HttpCurrentActor(IHttpContextAccessor accessor) : ICurrentActor
{
    public string? UserId => accessor.HttpContext?.User.UserId();

    public string UserName
    {
        get
        {
            var user = accessor.HttpContext?.User;
            return user?.Identity?.IsAuthenticated == true ? user.Identity.Name ?? "" : "anonymous";
        }
    }

    public string IpAddress => accessor.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? "";
}
