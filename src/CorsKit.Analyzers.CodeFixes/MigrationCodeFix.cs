using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CorsKit.Analyzers.CodeFixes;

/// <summary>CK0008: renames a Microsoft.AspNetCore.Cors call or attribute to its CorsKit equivalent
/// (<c>AddCors</c> → <c>AddCorsKit</c>, <c>UseCors</c> → <c>UseCorsKit</c>, <c>RequireCors</c> → <c>RequireCorsKit</c>,
/// <c>[EnableCors]</c> → <c>[EnableCorsKit]</c>, <c>[DisableCors]</c> → <c>[DisableCorsKit]</c>), adding
/// <c>using CorsKit;</c> for the attributes when needed.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MigrationCodeFix)), Shared]
public sealed class MigrationCodeFix : CodeFixProvider
{
    private const string CorsKitNamespace = "CorsKit";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.MigrateToCorsKit);

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is not CompilationUnitSyntax unit)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(MigrationAnalyzer.NewNameProperty, out var newName) || newName is null)
            {
                continue;
            }

            var node = unit.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var action = node.FirstAncestorOrSelf<AttributeSyntax>() is { } attribute
                ? CodeAction.Create($"Use [{newName}]", ct => RenameAttributeAsync(context.Document, unit, attribute, newName, ct), equivalenceKey: DiagnosticIds.MigrateToCorsKit)
                : node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { Expression: MemberAccessExpressionSyntax memberAccess }
                    ? CodeAction.Create($"Use {newName}()", _ => Task.FromResult(context.Document.WithSyntaxRoot(
                        unit.ReplaceNode(memberAccess.Name, SyntaxFactory.IdentifierName(newName).WithTriviaFrom(memberAccess.Name)))),
                        equivalenceKey: DiagnosticIds.MigrateToCorsKit)
                    : null;
            if (action is not null)
            {
                context.RegisterCodeFix(action, diagnostic);
            }
        }
    }

    private static async Task<Document> RenameAttributeAsync(
        Document document, CompilationUnitSyntax unit, AttributeSyntax attribute, string newName, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var resolves = model?.GetSpeculativeTypeInfo(
            attribute.SpanStart, SyntaxFactory.IdentifierName(newName + "Attribute"), SpeculativeBindingOption.BindAsTypeOrNamespace).Type
            is { TypeKind: not TypeKind.Error };
        var updated = unit.ReplaceNode(attribute.Name, SyntaxFactory.IdentifierName(newName).WithTriviaFrom(attribute.Name));
        if (!resolves)
        {
            updated = updated.AddUsings(SyntaxFactory.UsingDirective(SyntaxFactory.IdentifierName(CorsKitNamespace))
                .WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed));
        }

        return document.WithSyntaxRoot(updated);
    }
}
