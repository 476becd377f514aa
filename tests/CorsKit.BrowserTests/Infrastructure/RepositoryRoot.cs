namespace CorsKit.BrowserTests.Infrastructure;

/// <summary>The repository's root folder (the one with CorsKit.sln), found from the test binaries.</summary>
internal static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "CorsKit.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("CorsKit.sln not found above " + AppContext.BaseDirectory);
    }
}
