using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace CorsKit.Analyzers.Tests;

/// <summary>Runs an analyzer (and a code fix) over a small program that references ASP.NET Core and CorsKit.
/// Sources are top-level programs or classes; the usings a web project has implicitly are prepended.</summary>
internal static class Verify<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public const string Usings = FrameworkUsings + """
        using CorsKit;

        """;

    private const string FrameworkUsings = """
        using System;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Configuration;

        """;

    /// <summary>Asserts exactly the diagnostics marked in <paramref name="source"/> with <c>{|CK0001:...|}</c>.</summary>
    public static Task AnalyzeAsync(string source, params DiagnosticResult[] expected) => RunAsync(source, withCorsKit: true, expected);

    /// <summary>As <see cref="AnalyzeAsync"/>, in a project that does not reference CorsKit.</summary>
    public static Task AnalyzeWithoutCorsKitAsync(string source, params DiagnosticResult[] expected) => RunAsync(source, withCorsKit: false, expected);

    /// <summary>An expected diagnostic of <typeparamref name="TAnalyzer"/>; add the location and message arguments.</summary>
    public static DiagnosticResult Diagnostic(string id) => CSharpAnalyzerVerifier<TAnalyzer, DefaultVerifier>.Diagnostic(id);

    private static Task RunAsync(string source, bool withCorsKit, DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>();
        Configure(test, test.TestState, source, withCorsKit);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>Asserts the marked diagnostics and that the code fix turns <paramref name="source"/> into
    /// <paramref name="fixedSource"/> (which must compile).</summary>
    public static Task FixAsync<TCodeFix>(string source, string fixedSource, params DiagnosticResult[] expected)
        where TCodeFix : CodeFixProvider, new() => FixAsync<TCodeFix>(source, fixedSource, withUsings: true, expected);

    /// <summary>As <see cref="FixAsync{TCodeFix}(string, string, DiagnosticResult[])"/>, optionally without the implicit usings.</summary>
    public static Task FixAsync<TCodeFix>(string source, string fixedSource, bool withUsings, params DiagnosticResult[] expected)
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            FixedCode = withUsings ? Usings + fixedSource : fixedSource,
        };
        test.ExpectedDiagnostics.AddRange(expected);
        Configure(test, test.TestState, source, withCorsKit: true, withUsings);
        test.FixedState.OutputKind = test.TestState.OutputKind;
        test.FixedState.AdditionalReferences.AddRange(test.TestState.AdditionalReferences);
        return test.RunAsync();
    }

    /// <summary>Asserts the marked diagnostics and that <typeparamref name="TCodeFix"/> offers no fix for them.</summary>
    public static Task NoFixAsync<TCodeFix>(string source, params DiagnosticResult[] expected)
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier> { FixedCode = Usings + source };
        test.ExpectedDiagnostics.AddRange(expected);
        test.FixedState.ExpectedDiagnostics.AddRange(expected);
        Configure(test, test.TestState, source, withCorsKit: true);
        test.FixedState.OutputKind = test.TestState.OutputKind;
        test.FixedState.AdditionalReferences.AddRange(test.TestState.AdditionalReferences);
        return test.RunAsync();
    }

    private static void Configure(AnalyzerTest<DefaultVerifier> test, SolutionState state, string source, bool withCorsKit, bool withUsings = true)
    {
        test.ReferenceAssemblies = TestReferences.None;
        state.Sources.Add(withUsings ? (withCorsKit ? Usings : FrameworkUsings) + source : source);
        // A source starting with a statement is a top-level program; anything else (classes) is a library.
        state.OutputKind = source.TrimStart().StartsWith("var ", StringComparison.Ordinal)
            ? OutputKind.ConsoleApplication
            : OutputKind.DynamicallyLinkedLibrary;
        state.AdditionalReferences.AddRange(withCorsKit
            ? TestReferences.Assemblies
            : TestReferences.Assemblies.Where(r => !r.Display!.EndsWith("CorsKit.dll", StringComparison.Ordinal)));
    }
}
