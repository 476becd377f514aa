using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace CorsKit.Analyzers;

/// <summary>Where to put a squiggle for a call: on its name and arguments, not on the whole chain before it.</summary>
internal static class SyntaxLocations
{
    public static Location NameAndArguments(IInvocationOperation invocation)
    {
        var syntax = invocation.Syntax;
        if (syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax memberAccess } call)
        {
            return Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(memberAccess.Name.SpanStart, call.Span.End));
        }

        return syntax.GetLocation();
    }
}
