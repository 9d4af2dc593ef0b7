package org.perdition.plugin.posixregex;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.PatternSyntaxException;
import org.perdition.plugin.api.LookupException;

/**
 * Reads popmap.re into rules (spec §5.4). Tokens pair up as (pattern, substitution) within a
 * line, so a line with four tokens gives two rules; one trailing {@code :} on a pattern is removed.
 *
 * <p>The file's own header says whitespace in a substitution need not be quoted; perdition's
 * parser actually splits every line at whitespace (spec §5.4, observed), so {@code ^a: b c}
 * has three tokens and is rejected here. Quote or escape such whitespace.
 *
 * <p>Bytes are read as ISO-8859-1, like the keys (the proxy's byte strings).
 */
final class RuleFile {

    private RuleFile() {
    }

    static List<RewriteRule> read(Path file) throws LookupException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new LookupException(LookupException.Kind.ACCESS, "cannot read " + file + ": No such file or directory", e);
        } catch (AccessDeniedException e) {
            throw new LookupException(LookupException.Kind.ACCESS, "cannot read " + file + ": Permission denied", e);
        } catch (IOException e) {
            throw new LookupException(LookupException.Kind.ACCESS, "cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    static List<RewriteRule> parse(String text, String fileName) throws LookupException {
        List<RuleFileTokenizer.Line> lines;
        try {
            lines = RuleFileTokenizer.tokenize(text);
        } catch (RuleFileTokenizer.SyntaxError e) {
            throw configuration(fileName, e.line, e.getMessage(), e);
        }
        List<RewriteRule> rules = new ArrayList<>();
        for (RuleFileTokenizer.Line line : lines) {
            List<String> tokens = line.tokens();
            if (tokens.size() % 2 != 0) {
                throw configuration(fileName, line.number(), "odd number of tokens (" + tokens.size()
                        + "): pattern \"" + tokens.get(tokens.size() - 1) + "\" has no substitution;"
                        + " quote or escape whitespace inside a substitution", null);
            }
            for (int i = 0; i < tokens.size(); i += 2) {
                String source = tokens.get(i);
                if (source.endsWith(":")) {
                    source = source.substring(0, source.length() - 1);
                }
                try {
                    rules.add(new RewriteRule(source, PosixEre.compile(source), tokens.get(i + 1)));
                } catch (PatternSyntaxException e) {
                    throw configuration(fileName, line.number(), "bad regular expression \"" + source + "\": "
                            + e.getDescription(), e);
                }
            }
        }
        return List.copyOf(rules);
    }

    private static LookupException configuration(String fileName, int line, String message, Throwable cause) {
        return new LookupException(LookupException.Kind.CONFIGURATION, fileName + ":" + line + ": " + message, cause);
    }
}
