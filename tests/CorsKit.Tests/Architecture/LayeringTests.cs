using System.Text.RegularExpressions;

namespace CorsKit.Tests.Architecture;

/// <summary>
/// The library's folders are its architecture (see docs/architecture.md): each folder is one namespace, the folder
/// graph has no cycles, and the foundations depend on nothing. Checked on the source, so a new file cannot quietly
/// blur it.
/// </summary>
public sealed partial class LayeringTests
{
    private static readonly string Source = Path.Combine(RepositoryRoot(), "src", "CorsKit");

    private static readonly string[] Folders =
        [.. Directory.GetDirectories(Source).Select(Path.GetFileName).Where(name => name is not ("bin" or "obj")).Select(name => name!)];

    [Fact]
    public void Each_internal_file_lives_in_the_namespace_of_its_folder()
    {
        var misplaced = new List<string>();
        foreach (var folder in Folders)
        {
            foreach (var file in Directory.GetFiles(Path.Combine(Source, folder), "*.cs"))
            {
                var text = File.ReadAllText(file);
                var ns = NamespaceDeclaration().Match(text).Groups[1].Value;
                // Public API is in the root namespace (one using for users) or the framework's extension namespaces.
                var isPublicApi = PublicType().IsMatch(text);
                var expected = isPublicApi ? ns is "CorsKit" || ns.StartsWith("Microsoft.", StringComparison.Ordinal) : ns == "CorsKit." + folder;
                if (!expected)
                {
                    misplaced.Add($"{folder}/{Path.GetFileName(file)}: namespace {ns}");
                }
            }
        }

        misplaced.Should().BeEmpty();
    }

    [Fact]
    public void The_folders_form_no_cycle_and_the_foundations_depend_on_nothing()
    {
        var graph = Folders.ToDictionary(folder => folder, DependenciesOf);

        graph["Origins"].Should().BeEmpty("origin grammar is a foundation");
        graph["Protocol"].Should().BeEmpty("Fetch facts are a foundation");
        graph["Evaluation"].Should().NotContain(["Hosting", "Response", "Diagnostics"], "the decision knows nothing of HTTP plumbing or reporting");
        // Dynamic origins (issue 17) sit between the request facts and the middleware: they feed an answer into the
        // evaluation, so the evaluator must not know them, and they must not know the middleware that calls them.
        graph["Evaluation"].Should().NotContain("DynamicOrigins", "the pure decision takes the looked-up answer as a plain value");
        graph["DynamicOrigins"].Should().BeSubsetOf(["Classification", "Compilation", "Diagnostics", "Protocol", "Response"], "the origin-source step may read facts and the compiled policy, check header tokens, report, and add Vary; nothing else");
        foreach (var folder in Folders)
        {
            FindCycle(graph, folder, []).Should().BeNull();
        }
    }

    [Fact]
    public void The_evaluator_uses_no_HTTP_request_or_response_types()
    {
        var evaluation = Directory.GetFiles(Path.Combine(Source, "Evaluation"), "*.cs").Select(File.ReadAllText);

        evaluation.Should().NotContain(text => text.Contains("HttpContext", StringComparison.Ordinal) || text.Contains("HttpRequest", StringComparison.Ordinal) || text.Contains("HttpResponse", StringComparison.Ordinal));
    }

    private static HashSet<string> DependenciesOf(string folder) =>
        [.. Directory.GetFiles(Path.Combine(Source, folder), "*.cs")
            .SelectMany(file => InternalUsing().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value))
            .Where(used => used != folder)];

    private static string? FindCycle(Dictionary<string, HashSet<string>> graph, string folder, List<string> path)
    {
        if (path.Contains(folder))
        {
            return string.Join(" -> ", path.Append(folder));
        }

        foreach (var next in graph[folder])
        {
            if (FindCycle(graph, next, [.. path, folder]) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CorsKit.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("CorsKit.sln not found above the test binaries.");
    }

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"^public (static |sealed |abstract |readonly )*(partial )?(class|interface|enum|struct|record)", RegexOptions.Multiline)]
    private static partial Regex PublicType();

    [GeneratedRegex(@"^using CorsKit\.(\w+);", RegexOptions.Multiline)]
    private static partial Regex InternalUsing();
}
