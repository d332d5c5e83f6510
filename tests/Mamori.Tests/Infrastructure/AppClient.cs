using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Mamori.Tests.Infrastructure;

/// <summary>An HTTP client with intent methods: log in, read a page as a DOM, submit its forms
/// with their antiforgery token the way a browser would.</summary>
public sealed class AppClient(MamoriFactory app, HttpClient http, CookieContainer cookies) : IDisposable
{
    private static readonly IBrowsingContext Browser = BrowsingContext.New(Configuration.Default);

    public HttpClient Http { get; } = http;
    public MamoriFactory App { get; } = app;

    /// <summary>The Cookie header this client would send (to copy a session, as an attacker would).</summary>
    public string CookieHeader() => cookies.GetCookieHeader(new Uri("https://localhost/"));

    /// <summary>Signs in as a person would: the password, then, when the account has a second factor, the code its
    /// authenticator app shows (computed from the stored key by the test's own <see cref="Testing.AuthenticatorApp"/>).</summary>
    public async Task<AppClient> LoginAsync(string userName, string password)
    {
        var response = await SubmitAsync("/Account/Login", new() { ["Input.UserName"] = userName, ["Input.Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Login as {userName} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        response = await SecondFactorAsync(response, userName);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"The second factor of {userName} failed: {(int)response.StatusCode}");
        }
        return this;
    }

    /// <summary>When the password's answer sends to the code step, gives the current code (optionally remembering the
    /// device) and returns that answer; otherwise returns the password's answer.</summary>
    public async Task<HttpResponseMessage> SecondFactorAsync(HttpResponseMessage passwordResponse, string userName, bool rememberDevice = false)
    {
        if (passwordResponse.Headers.Location?.OriginalString.Contains("/Account/TwoFactor?", StringComparison.Ordinal) != true)
        {
            return passwordResponse;
        }
        var fields = new Dictionary<string, string> { ["Code"] = await CurrentCodeAsync(userName) };
        if (rememberDevice)
        {
            fields["RememberDevice"] = "true";
        }
        return await SubmitAsync(passwordResponse.Headers.Location.OriginalString, fields, "form[data-two-factor-code]");
    }

    /// <summary>The account's current authenticator code (<see cref="Testing.AuthenticatorApp.CurrentCodeAsync"/>).</summary>
    public Task<string> CurrentCodeAsync(string userName) => Mamori.Testing.AuthenticatorApp.CurrentCodeAsync(App.Services, userName);

    public Task<HttpResponseMessage> GetAsync(string url) => Http.GetAsync(url);

    public async Task<IDocument> GetDocumentAsync(string url)
    {
        var response = await Http.GetAsync(url);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode} (Location: {response.Headers.Location}).");
        }
        return await ParseAsync(response);
    }

    public static async Task<IDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        return await Browser.OpenAsync(req => req.Content(html).Address(response.RequestMessage!.RequestUri!.ToString()));
    }

    /// <summary>GETs <paramref name="pageUrl"/>, takes the form (the one containing <paramref name="formSelector"/> or the
    /// first form in main), keeps its hidden and pre-filled fields, overrides them with <paramref name="fields"/>, and posts it.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string pageUrl, Dictionary<string, string> fields, string? formSelector = null, string? submitName = null, string? submitValue = null)
    {
        var document = await GetDocumentAsync(pageUrl);
        var form = formSelector is null
            ? document.QuerySelector("main form[method=post]") as IHtmlFormElement
            : document.QuerySelector(formSelector) as IHtmlFormElement ?? document.QuerySelector(formSelector)?.Closest("form") as IHtmlFormElement;
        if (form is null)
        {
            throw new InvalidOperationException($"No form {formSelector} on {pageUrl}.");
        }
        return await PostFormAsync(form, fields, submitName, submitValue);
    }

    public async Task<HttpResponseMessage> PostFormAsync(IHtmlFormElement form, Dictionary<string, string> fields, string? submitName = null, string? submitValue = null)
    {
        var values = new List<KeyValuePair<string, string>>();
        var overridden = new HashSet<string>(fields.Keys);
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && !overridden.Contains(input.Name):
                    if (input.Type is "checkbox" or "radio")
                    {
                        if (input.IsChecked)
                        {
                            values.Add(new(input.Name, input.Value));
                        }
                    }
                    else if (input.Type is not ("submit" or "file" or "button"))
                    {
                        values.Add(new(input.Name, input.Value));
                    }
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name) && !overridden.Contains(select.Name):
                    foreach (var option in select.Options.Where(o => o.IsSelected))
                    {
                        values.Add(new(select.Name, option.Value));
                    }
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name) && !overridden.Contains(area.Name):
                    values.Add(new(area.Name, area.Value));
                    break;
            }
        }
        foreach (var (key, value) in fields)
        {
            foreach (var part in value.Split('\u001F'))
            {
                values.Add(new(key, part));
            }
        }
        if (submitName is not null)
        {
            values.Add(new(submitName, submitValue ?? ""));
        }
        // AngleSharp may hand back the action as written (relative); resolve it against the page like a browser.
        var action = new Uri(new Uri(form.BaseUri), string.IsNullOrEmpty(form.GetAttribute("action")) ? "" : form.GetAttribute("action"));
        return await Http.PostAsync(action.PathAndQuery, new FormUrlEncodedContent(values));
    }

    /// <summary>Asserts a post/redirect/get success; on failure shows the form errors the page displayed.</summary>
    public static async Task<string> AssertRedirectAsync(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var page = await ParseAsync(response);
            var errors = page.QuerySelector("[data-form-errors]")?.TextContent.Trim()
                ?? page.QuerySelector("[data-import-error-table]")?.TextContent.Trim()
                ?? page.QuerySelector("main")?.TextContent.Trim()[..Math.Min(400, page.QuerySelector("main")?.TextContent.Trim().Length ?? 0)];
            Assert.Fail($"Expected a redirect, got {(int)response.StatusCode}: {errors}");
        }
        return response.Headers.Location!.OriginalString;
    }

    /// <summary>Several values for one field (multi-select, checkbox lists).</summary>
    public static string Many(params string[] values) => string.Join('\u001F', values);

    public void Dispose() => Http.Dispose();
}
