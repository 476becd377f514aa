using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace CorsKit.Analyzers.CodeFixes;

/// <summary>
/// CK0003 and CK0004: moves the <c>app.UseCorsKit();</c> statement before the first authentication/authorization call,
/// or after <c>UseRouting()</c>. Offered only when both are statements of the same block (or both top-level
/// statements) and <c>UseCorsKit()</c> is a statement of its own, so the move changes nothing else.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PipelineOrderCodeFix)), Shared]
public sealed class PipelineOrderCodeFix : CodeFixProvider
{
    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.CorsAfterAuthentication, DiagnosticIds.CorsBeforeRouting);

    /// <inheritdoc />
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.AdditionalLocations.Count == 0
                || MovableStatement(root.FindNode(diagnostic.Location.SourceSpan)) is not { } moved
                || StatementOf(root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan)) is not { } anchor
                || moved.Parent != anchor.Parent)
            {
                continue;
            }

            var before = diagnostic.Id == DiagnosticIds.CorsAfterAuthentication;
            context.RegisterCodeFix(
                CodeAction.Create(
                    before ? "Move UseCorsKit() before authentication" : "Move UseCorsKit() after UseRouting()",
                    ct => MoveAsync(context.Document, moved, anchor, before, ct),
                    equivalenceKey: diagnostic.Id),
                diagnostic);
        }
    }

    private static async Task<Document> MoveAsync(Document document, SyntaxNode moved, SyntaxNode anchor, bool before, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        // The statement moves with its own comments and indentation (both are in its trivia).
        editor.RemoveNode(moved, SyntaxRemoveOptions.KeepNoTrivia);
        var copy = moved;
        if (before)
        {
            editor.InsertBefore(anchor, copy);
        }
        else
        {
            editor.InsertAfter(anchor, copy);
        }

        return editor.GetChangedDocument();
    }

    /// <summary>The statement <c>app.UseCorsKit(...);</c> when the reported call is that whole statement (or the top-level
    /// statement wrapping it).</summary>
    private static SyntaxNode? MovableStatement(SyntaxNode reported)
    {
        var invocation = reported.FirstAncestorOrSelf<InvocationExpressionSyntax>();
        return invocation?.Parent is ExpressionStatementSyntax statement ? Container(statement) : null;
    }

    private static SyntaxNode? StatementOf(SyntaxNode node) =>
        node.FirstAncestorOrSelf<StatementSyntax>() is { } statement ? Container(statement) : null;

    // Top-level programs wrap each statement in a GlobalStatement; the move works on that wrapper.
    private static SyntaxNode Container(StatementSyntax statement) =>
        statement.Parent is GlobalStatementSyntax global ? global : statement;
}
