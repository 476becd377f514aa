using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CorsKit.Analyzers;

/// <summary>
/// CK0008 and CK0009 (info), only in projects that reference CorsKit: uses of Microsoft.AspNetCore.Cors
/// (<c>AddCors</c>, <c>UseCors</c>, <c>RequireCors</c>, <c>[EnableCors]</c>, <c>[DisableCors]</c>). CK0008 where a
/// rename to the CorsKit equivalent keeps the meaning (a code fix does it); CK0009, with the reason, where it does not
/// (an inline <c>UseCors(p =&gt; ...)</c> policy, <c>SetIsOriginAllowedToAllowWildcardSubdomains</c>, options
/// configured with members CorsKit does not have).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MigrationAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: the CorsKit name that replaces the Microsoft method or attribute.</summary>
    public const string NewNameProperty = "NewName";

    private const string CorsNamespace = "Microsoft.AspNetCore.Cors";
    private const string MigrationGuide = "see docs/migration-from-microsoft-cors.md";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(Rules.MigrateToCorsKit, Rules.NoCorsKitEquivalent);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (CorsKitSymbols.TryCreate(start.Compilation) is not { Options: { } corsKitOptions } symbols)
            {
                return;
            }

            var counterparts = new Counterparts(corsKitOptions, symbols.PolicyBuilder);
            start.RegisterOperationAction(
                op => AnalyzeCall((IInvocationOperation)op.Operation, counterparts, op.ReportDiagnostic), OperationKind.Invocation);
            start.RegisterSyntaxNodeAction(AnalyzeAttribute, SyntaxKind.Attribute);
        });
    }

    private static void AnalyzeCall(IInvocationOperation call, Counterparts counterparts, Action<Diagnostic> report)
    {
        var method = call.TargetMethod;
        var type = method.ContainingType?.ToDisplayString();
        var location = SyntaxLocations.NameAndArguments(call);
        switch (type, method.Name)
        {
            case ("Microsoft.Extensions.DependencyInjection.CorsServiceCollectionExtensions", "AddCors"):
                ReportRename(call, "AddCors", "AddCorsKit", counterparts, location, report);
                break;
            case ("Microsoft.AspNetCore.Builder.CorsEndpointConventionBuilderExtensions", "RequireCors"):
                ReportRename(call, "RequireCors", "RequireCorsKit", counterparts, location, report);
                break;
            case ("Microsoft.AspNetCore.Builder.CorsMiddlewareExtensions", "UseCors"):
                if (call.Arguments.Any(a => a.Parameter?.Type.TypeKind == TypeKind.Delegate))
                {
                    report(Diagnostic.Create(Rules.NoCorsKitEquivalent, location, "UseCors(p => ...)",
                        "CorsKit has no inline policies in the middleware call; register the policy with AddCorsKit(cors => cors.AddDefaultPolicy(p => ...)) and call UseCorsKit()"));
                }
                else
                {
                    ReportRename(call, "UseCors", "UseCorsKit", counterparts, location, report);
                }

                break;
            case ("Microsoft.AspNetCore.Cors.Infrastructure.CorsPolicyBuilder", "SetIsOriginAllowedToAllowWildcardSubdomains"):
                report(Diagnostic.Create(Rules.NoCorsKitEquivalent, location, "SetIsOriginAllowedToAllowWildcardSubdomains()",
                    "CorsKit matches a wildcard origin from the pattern alone; keep https://*.example.com in WithOrigins and drop this call when moving the policy to CorsKit"));
                break;
        }
    }

    private static void ReportRename(
        IInvocationOperation call, string oldName, string newName, Counterparts counterparts, Location location, Action<Diagnostic> report)
    {
        if (counterparts.Untranslatable(call) is { } reason)
        {
            report(Diagnostic.Create(Rules.NoCorsKitEquivalent, location, oldName + "()", reason));
            return;
        }

        // The fix renames the method, which is faithful only for the extension-method form (app.UseCors()), not a
        // static call through the Microsoft class (CorsMiddlewareExtensions.UseCors(app)).
        var properties = call.Arguments.Length > 0 && call.Arguments[0].Syntax is not ArgumentSyntax
            ? ImmutableDictionary<string, string?>.Empty.Add(NewNameProperty, newName)
            : ImmutableDictionary<string, string?>.Empty;
        report(Diagnostic.Create(Rules.MigrateToCorsKit, location, properties, oldName + "()", newName + "()"));
    }

    private static void AnalyzeAttribute(SyntaxNodeAnalysisContext context)
    {
        var syntax = (AttributeSyntax)context.Node;
        if (context.SemanticModel.GetSymbolInfo(syntax, context.CancellationToken).Symbol is not IMethodSymbol constructor
            || constructor.ContainingType.ContainingNamespace?.ToDisplayString() != CorsNamespace)
        {
            return;
        }

        var newName = constructor.ContainingType.Name switch
        {
            "EnableCorsAttribute" => "EnableCorsKit",
            "DisableCorsAttribute" => "DisableCorsKit",
            _ => null,
        };
        if (newName is null)
        {
            return;
        }

        var oldName = "[" + constructor.ContainingType.Name.Replace("Attribute", string.Empty) + "]";
        Report(context, syntax, oldName, newName);
    }

    private static void Report(SyntaxNodeAnalysisContext context, AttributeSyntax syntax, string oldName, string newName) =>
        context.ReportDiagnostic(Diagnostic.Create(
            Rules.MigrateToCorsKit,
            syntax.GetLocation(),
            ImmutableDictionary<string, string?>.Empty.Add(NewNameProperty, newName),
            oldName,
            "[" + newName + "]"));

    /// <summary>Whether the Microsoft options and policy-builder calls inside a configuration lambda all exist, by name,
    /// on CorsKit's <c>CorsKitOptions</c> and <c>CorsKitPolicyBuilder</c>, so renaming the outer call keeps the code's
    /// meaning and lets it compile.</summary>
    private sealed class Counterparts(INamedTypeSymbol corsKitOptions, INamedTypeSymbol corsKitPolicyBuilder)
    {
        private readonly ImmutableHashSet<string> _optionsMembers = corsKitOptions.GetMembers().Select(m => m.Name).ToImmutableHashSet();
        private readonly ImmutableHashSet<string> _builderMembers = corsKitPolicyBuilder.GetMembers().Select(m => m.Name).ToImmutableHashSet();

        /// <summary>Why the call cannot simply be renamed, or <see langword="null"/> when it can.</summary>
        public string? Untranslatable(IInvocationOperation call)
        {
            var missing = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var argument in call.Arguments.Skip(1))
            {
                if (argument.Parameter?.Type.TypeKind != TypeKind.Delegate)
                {
                    continue;
                }

                if (Unwrap(argument.Value) is not IAnonymousFunctionOperation lambda)
                {
                    return "the CORS options are configured outside this call (a method or a variable); move that configuration to AddCorsKit by hand (" + MigrationGuide + ")";
                }

                foreach (var operation in lambda.Body.Descendants())
                {
                    if (MissingMember(operation) is { } member)
                    {
                        missing.Add(member);
                    }
                }
            }

            return missing.Count == 0
                ? null
                : string.Join(", ", missing) + " " + (missing.Count == 1 ? "has" : "have") + " no CorsKit counterpart; move this configuration by hand (" + MigrationGuide + ")";
        }

        private string? MissingMember(IOperation operation)
        {
            switch (operation)
            {
                case IInvocationOperation inner when IsCorsType(inner.TargetMethod.ContainingType):
                    var members = inner.TargetMethod.ContainingType.Name == "CorsOptions" ? _optionsMembers : _builderMembers;
                    if (!members.Contains(inner.TargetMethod.Name)
                        || inner.Arguments.Any(a => IsCorsType(a.Value.Type) || (a.Parameter?.Type.TypeKind == TypeKind.Delegate && Unwrap(a.Value) is not IAnonymousFunctionOperation)))
                    {
                        return inner.TargetMethod.Name + "()";
                    }

                    return null;
                case IPropertyReferenceOperation property when IsCorsType(property.Property.ContainingType):
                    return property.Property.Name;
                case IArgumentOperation argument when IsCorsType(argument.Value.Type) && argument.Parent is IInvocationOperation outer && !IsCorsType(outer.TargetMethod.ContainingType):
                    // The options or a policy builder handed to code of the application's own: it expects the Microsoft type.
                    return outer.TargetMethod.Name + "()";
                default:
                    return null;
            }
        }

        private static bool IsCorsType(ITypeSymbol? type) =>
            type?.ContainingNamespace?.ToDisplayString() == CorsNamespace + ".Infrastructure";

        private static IOperation Unwrap(IOperation value)
        {
            while (value is IConversionOperation or IDelegateCreationOperation or IParenthesizedOperation)
            {
                value = value switch
                {
                    IConversionOperation conversion => conversion.Operand,
                    IDelegateCreationOperation creation => creation.Target,
                    _ => ((IParenthesizedOperation)value).Operand,
                };
            }

            return value;
        }
    }
}
