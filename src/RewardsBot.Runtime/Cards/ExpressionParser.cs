namespace RewardsBot.Runtime.Cards;

/// <summary>
/// Recursive-descent parser for the expression subset (precedence low to high):
/// <c>||</c>, <c>&amp;&amp;</c>, <c>== !=</c>, <c>&lt; &gt; &lt;= &gt;=</c>, <c>+ -</c>, <c>* / %</c>, unary <c>! -</c>,
/// then paths (<c>a.b[0]</c>), calls, literals and parentheses.
/// </summary>
internal sealed class ExpressionParser
{
    private static readonly string[][] BinaryLevels =
        [["||"], ["&&"], ["==", "!="], ["<", ">", "<=", ">="], ["+", "-"], ["*", "/", "%"]];

    private readonly string text;
    private readonly List<Token> tokens;
    private int position;

    private ExpressionParser(string text)
    {
        this.text = text;
        tokens = ExpressionLexer.Tokenize(text);
    }

    private Token Current => tokens[position];

    public static Expression Parse(string text)
    {
        var parser = new ExpressionParser(text);
        if (parser.Current.Kind == TokenKind.End)
        {
            throw new ExpressionSyntaxException("the expression is empty");
        }

        var expression = parser.ParseBinary(0);
        if (parser.Current.Kind != TokenKind.End)
        {
            throw parser.Unexpected();
        }

        return expression;
    }

    private Expression ParseBinary(int level)
    {
        if (level == BinaryLevels.Length)
        {
            return ParseUnary();
        }

        var left = ParseBinary(level + 1);
        while (Current.Kind == TokenKind.Operator && BinaryLevels[level].Contains(Current.Text))
        {
            var op = tokens[position++].Text;
            left = new BinaryExpression(op, left, ParseBinary(level + 1));
        }

        return left;
    }

    private Expression ParseUnary()
    {
        if (IsOperator("!") || IsOperator("-"))
        {
            var op = tokens[position++].Text;
            return new UnaryExpression(op, ParseUnary());
        }

        return ParsePostfix();
    }

    private Expression ParsePostfix()
    {
        var start = Current.Position;
        var primary = ParsePrimary(out var identifier);
        var accessors = new List<Accessor>();
        while (true)
        {
            if (IsOperator("."))
            {
                position++;
                accessors.Add(new MemberAccessor(Expect(TokenKind.Identifier, "a property name after '.'").Text));
            }
            else if (IsOperator("["))
            {
                position++;
                accessors.Add(new IndexAccessor(ParseBinary(0)));
                ExpectOperator("]");
            }
            else
            {
                break;
            }
        }

        if (identifier is null && accessors.Count == 0)
        {
            return primary!;
        }

        var source = text[start..Current.Position].TrimEnd();
        return new PathExpression(identifier, primary, [.. accessors], source);
    }

    private Expression? ParsePrimary(out string? identifier)
    {
        identifier = null;
        var token = tokens[position++];
        switch (token.Kind)
        {
            case TokenKind.Number or TokenKind.String:
                return new LiteralExpression(token.Value);
            case TokenKind.Identifier when token.Text is "true" or "false":
                return new LiteralExpression(token.Text == "true");
            case TokenKind.Identifier when token.Text == "null":
                return new LiteralExpression(null);
            case TokenKind.Identifier when IsOperator("("):
                return ParseCall(token);
            case TokenKind.Identifier:
                identifier = token.Text;
                return null;
            case TokenKind.Operator when token.Text == "(":
                var inner = ParseBinary(0);
                ExpectOperator(")");
                return inner;
            default:
                position--;
                throw Unexpected();
        }
    }

    private CallExpression ParseCall(Token name)
    {
        if (!ExpressionFunctions.All.TryGetValue(name.Text, out var function))
        {
            throw new ExpressionSyntaxException(
                $"unknown function '{name.Text}'; supported: {string.Join(", ", ExpressionFunctions.All.Keys.Order(StringComparer.Ordinal))}");
        }

        position++;
        var arguments = new List<Expression>();
        if (!IsOperator(")"))
        {
            do
            {
                arguments.Add(ParseBinary(0));
            }
            while (IsOperator(",") && position++ >= 0);
        }

        ExpectOperator(")");
        if (arguments.Count < function.MinArguments || arguments.Count > function.MaxArguments)
        {
            var expected = function.MinArguments == function.MaxArguments
                ? $"{function.MinArguments}"
                : function.MaxArguments == int.MaxValue ? $"at least {function.MinArguments}" : $"{function.MinArguments} to {function.MaxArguments}";
            throw new ExpressionSyntaxException($"{name.Text}() takes {expected} argument(s), not {arguments.Count}");
        }

        return new CallExpression(function, arguments);
    }

    private bool IsOperator(string op) => Current.Kind == TokenKind.Operator && Current.Text == op;

    private void ExpectOperator(string op)
    {
        if (!IsOperator(op))
        {
            throw new ExpressionSyntaxException($"expected '{op}' at position {Current.Position}, found {Describe(Current)}");
        }

        position++;
    }

    private Token Expect(TokenKind kind, string what) =>
        Current.Kind == kind
            ? tokens[position++]
            : throw new ExpressionSyntaxException($"expected {what} at position {Current.Position}, found {Describe(Current)}");

    private ExpressionSyntaxException Unexpected() =>
        new($"unexpected {Describe(Current)} at position {Current.Position}");

    private static string Describe(Token token) =>
        token.Kind == TokenKind.End ? "the end of the expression" : $"'{token.Text}'";
}
