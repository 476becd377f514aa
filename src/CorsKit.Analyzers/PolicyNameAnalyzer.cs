using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CorsKit.Analyzers;

/// <summary>
/// CK0007 (info): a policy name selected by <c>[EnableCorsKit("name")]</c>, <c>RequireCorsKit("name")</c> or
/// <c>UseCorsKit("name")</c> that no <c>AddPolicy("name", ...)</c> in the compilation registers. Silent as soon as
/// anything else could supply policies: <c>AddCorsKit(IConfiguration)</c>, <c>ICorsKitPolicyRegistry.SetPolicy</c>,
/// a policy provider, or an <c>AddPolicy</c> whose name is not a constant.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PolicyNameAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Rules.UnknownPolicyName);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (CorsKitSymbols.TryCreate(start.Compilation) is not { } symbols)
            {
                return;
            }

            var names = new PolicyNames();
            start.RegisterOperationAction(op => names.Inspect((IInvocationOperation)op.Operation, symbols), OperationKind.Invocation);
            start.RegisterSyntaxNodeAction(
                node => names.InspectAttribute((AttributeSyntax)node.Node, node.SemanticModel, symbols, node.CancellationToken),
                SyntaxKind.Attribute);
            start.RegisterSymbolAction(
                symbol => names.InspectType((INamedTypeSymbol)symbol.Symbol),
                SymbolKind.NamedType);
            start.RegisterCompilationEndAction(end =>
            {
                foreach (var (name, location) in names.Unregistered())
                {
                    end.ReportDiagnostic(Diagnostic.Create(Rules.UnknownPolicyName, location, name));
                }
            });
        });
    }

    /// <summary>What one compilation registers and selects; filled concurrently by the actions above.</summary>
    private sealed class PolicyNames
    {
        private readonly ConcurrentDictionary<string, byte> _registered = new(StringComparer.Ordinal);
        private readonly ConcurrentQueue<(string Name, Location Location)> _selected = new();
        private volatile bool _otherSourceExists;

        public void Inspect(IInvocationOperation call, CorsKitSymbols symbols)
        {
            var method = call.TargetMethod;
            var type = method.ContainingType;
            if (CorsKitSymbols.Is(type, symbols.Options) && method.Name == "AddPolicy")
            {
                if (ConstantString(call, "name") is { } name)
                {
                    _registered.TryAdd(name, 0);
                }
                else
                {
                    _otherSourceExists = true;
                }
            }
            else if (CorsKitSymbols.Is(type, symbols.ServiceCollectionExtensions))
            {
                if (method.Name == "AddCorsKitPolicyProvider"
                    || method.Parameters.Any(p => CorsKitSymbols.Is(p.Type, symbols.Configuration)))
                {
                    _otherSourceExists = true;
                }
            }
            else if ((CorsKitSymbols.Is(type, symbols.PolicyRegistry) && method.Name == "SetPolicy")
                || call.Arguments.Any(a => CorsKitSymbols.Is(a.Value.Type, symbols.PolicyRegistry)))
            {
                // The registry adds policies at run time, here or in whatever code it is handed to.
                _otherSourceExists = true;
            }
            else if ((CorsKitSymbols.Is(type, symbols.ApplicationBuilderExtensions) && method.Name == "UseCorsKit")
                || (CorsKitSymbols.Is(type, symbols.EndpointConventionExtensions) && method.Name == "RequireCorsKit"))
            {
                if (method.Parameters.FirstOrDefault(p => p.Name == "policyName") is not null
                    && call.Arguments.FirstOrDefault(a => a.Parameter?.Name == "policyName") is { } argument
                    && argument.Value.ConstantValue is { HasValue: true, Value: string selected })
                {
                    _selected.Enqueue((selected, argument.Value.Syntax.GetLocation()));
                }
            }
        }

        public void InspectAttribute(AttributeSyntax syntax, SemanticModel model, CorsKitSymbols symbols, CancellationToken cancellationToken)
        {
            if (syntax.ArgumentList is not { Arguments: [{ NameEquals: null } argument] }
                || model.GetSymbolInfo(syntax, cancellationToken).Symbol is not IMethodSymbol constructor
                || !CorsKitSymbols.Is(constructor.ContainingType, symbols.EnableAttribute)
                || model.GetConstantValue(argument.Expression, cancellationToken) is not { HasValue: true, Value: string name })
            {
                return;
            }

            _selected.Enqueue((name, argument.Expression.GetLocation()));
        }

        /// <summary>Any type implementing <c>ICorsKitPolicyProvider</c> can supply policies by name at run time.</summary>
        public void InspectType(INamedTypeSymbol type)
        {
            if (type.AllInterfaces.Any(i => i.Name == "ICorsKitPolicyProvider" && i.ContainingNamespace?.ToDisplayString() == "CorsKit"))
            {
                _otherSourceExists = true;
            }
        }

        public IEnumerable<(string Name, Location Location)> Unregistered() =>
            _otherSourceExists ? [] : _selected.Where(s => !_registered.ContainsKey(s.Name)).OrderBy(s => s.Location.SourceSpan.Start);

        private static string? ConstantString(IInvocationOperation call, string parameterName) =>
            call.Arguments.FirstOrDefault(a => a.Parameter?.Name == parameterName)?.Value.ConstantValue is { HasValue: true, Value: string value }
                ? value
                : null;
    }
}
