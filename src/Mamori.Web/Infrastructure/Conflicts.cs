namespace Mamori.Web.Infrastructure;

/// <summary>What a user sees when someone else saved the same record first (optimistic concurrency).</summary>
public static class Conflicts
{
    public const string Message = "他の人がこの内容を先に更新しました。最新の内容を表示しています。必要な変更をもう一度入力して保存してください。";
}
