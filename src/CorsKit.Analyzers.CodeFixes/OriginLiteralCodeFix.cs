using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CorsKit.Analyzers.CodeFixes;

/// <summary>CK0001: replaces an origin literal with the spelling the policy accepts, where the analyzer found an
/// unambiguous one (a trailing slash dropped, a missing https:// added).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OriginLiteralCodeFix)), Shared]
public sealed class OriginLiteralCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.InvalidOrigin);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(PolicyBuilderAnalyzer.ReplacementProperty, out var replacement) || replacement is null
                || root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not LiteralExpressionSyntax literal)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Use '{replacement}'",
                    _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(
                        literal,
                        SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(replacement))
                            .WithTriviaFrom(literal)))),
                    equivalenceKey: DiagnosticIds.InvalidOrigin),
                diagnostic);
        }
    }
}
