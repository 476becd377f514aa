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
    // One pass per document, so "fix all" adds the using directive once however many attributes it renames.
    public override FixAllProvider GetFixAllProvider() =>
        FixAllProvider.Create((context, document, diagnostics) => RenameAsync(document, diagnostics, context.CancellationToken));

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.Properties.TryGetValue(MigrationAnalyzer.NewNameProperty, out var newName) && newName is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Use {newName}",
                        ct => RenameAsync(context.Document, [diagnostic], ct)!,
                        equivalenceKey: DiagnosticIds.MigrateToCorsKit),
                    diagnostic);
            }
        }

        return Task.CompletedTask;
    }

    private static async Task<Document?> RenameAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        if (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not CompilationUnitSyntax unit)
        {
            return document;
        }

        var renames = new Dictionary<SimpleNameSyntax, string>();
        var renamesAttribute = false;
        foreach (var diagnostic in diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(MigrationAnalyzer.NewNameProperty, out var newName) || newName is null)
            {
                continue;
            }

            var node = unit.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (node.FirstAncestorOrSelf<AttributeSyntax>() is { Name: SimpleNameSyntax attributeName })
            {
                renames[attributeName] = newName;
                renamesAttribute = true;
            }
            else if (node.FirstAncestorOrSelf<InvocationExpressionSyntax>() is { Expression: MemberAccessExpressionSyntax memberAccess })
            {
                renames[memberAccess.Name] = newName;
            }
        }

        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var importNeeded = renamesAttribute && model is not null && !ResolvesWithoutImport(model, renames.Keys.First(k => k.Parent is AttributeSyntax));
        var updated = unit.ReplaceNodes(renames.Keys, (original, _) => SyntaxFactory.IdentifierName(renames[original]).WithTriviaFrom(original));
        if (importNeeded)
        {
            updated = updated.AddUsings(SyntaxFactory.UsingDirective(SyntaxFactory.IdentifierName(CorsKitNamespace)).WithTrailingTrivia(LineEnding(unit)));
        }

        return document.WithSyntaxRoot(updated);
    }

    /// <summary>Whether the CorsKit attributes already bind where the Microsoft one is used (a using, a global using).</summary>
    private static bool ResolvesWithoutImport(SemanticModel model, SyntaxNode position) =>
        model.GetSpeculativeTypeInfo(
            position.SpanStart, SyntaxFactory.IdentifierName("EnableCorsKitAttribute"), SpeculativeBindingOption.BindAsTypeOrNamespace).Type
            is { TypeKind: not TypeKind.Error };

    /// <summary>The file's own line ending (taken from its first line break), so the added using matches it.</summary>
    private static SyntaxTrivia LineEnding(CompilationUnitSyntax unit)
    {
        var existing = unit.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        return existing.IsKind(SyntaxKind.EndOfLineTrivia) ? existing : SyntaxFactory.LineFeed;
    }
}
