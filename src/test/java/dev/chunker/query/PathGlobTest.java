package dev.chunker.query;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PathGlobTest {

	private static boolean matches(String glob, String path) {
		return Pattern.compile(PathGlob.parse("path", glob).regex()).matcher(path).find();
	}

	@Test
	void globWithoutSlashMatchesTheFileNameAtAnyDepth() {
		assertThat(matches("*.py", "a.py")).isTrue();
		assertThat(matches("*.py", "json/decoder.py")).isTrue();
		assertThat(matches("*.py", "json/decoder.pyc")).isFalse();
		assertThat(matches("dec*.py", "json/decoder.py")).isTrue();
		assertThat(matches("dec*.py", "decoder/x.py")).isFalse();
		assertThat(PathGlob.parse("path", "*.py").literalPrefix()).isEmpty();
	}

	@Test
	void globWithSlashMatchesTheWholePath() {
		assertThat(matches("json/*.py", "json/decoder.py")).isTrue();
		assertThat(matches("json/*.py", "json/sub/decoder.py")).isFalse();
		assertThat(matches("json/**/*.py", "json/decoder.py")).isTrue();
		assertThat(matches("json/**/*.py", "json/a/b/decoder.py")).isTrue();
		assertThat(matches("**/test_*.py", "test_a.py")).isTrue();
		assertThat(matches("**/test_*.py", "x/y/test_a.py")).isTrue();
		assertThat(matches("src/**", "src/a/b.c")).isTrue();
		assertThat(matches("src/**", "srcx/a")).isFalse();
		assertThat(matches("/json/*.py", "json/tool.py")).isTrue();
		assertThat(PathGlob.parse("path", "json/**/*.py").literalPrefix()).isEqualTo("json/");
	}

	@Test
	void setsAlternativesAndLiterals() {
		assertThat(matches("?.py", "a.py")).isTrue();
		assertThat(matches("?.py", "ab.py")).isFalse();
		assertThat(matches("[abc].py", "b.py")).isTrue();
		assertThat(matches("[!abc].py", "b.py")).isFalse();
		assertThat(matches("[!abc].py", "d.py")).isTrue();
		assertThat(matches("{textwrap,colorsys}.py", "textwrap.py")).isTrue();
		assertThat(matches("{textwrap,colorsys}.py", "colorsys.py")).isTrue();
		assertThat(matches("{textwrap,colorsys}.py", "shlex.py")).isFalse();
		assertThat(matches("*.{c,h}", "lib/x.h")).isTrue();
		// Regular expression characters are literals.
		assertThat(matches("a+b (1).py", "a+b (1).py")).isTrue();
		assertThat(matches("a+b.py", "aab.py")).isFalse();
		assertThat(matches("a.py", "axpy")).isFalse();
		assertThat(matches("$x^.py", "$x^.py")).isTrue();
		assertThat(matches("ünï*.py", "dir/ünïcode.py")).isTrue();
	}

	@Test
	void badGlobsNameTheParameter() {
		for (String bad : new String[] { "", "[ab", "{a,b", "a}", "a]", "{a,{b}}", "a\\b", "/", "[a/b]" }) {
			assertThatThrownBy(() -> PathGlob.parse("path", bad)).as(bad)
				.isInstanceOfSatisfying(InvalidParameterException.class, (ex) -> assertThat(ex.parameter()).isEqualTo("path"));
		}
	}

	@Test
	void deepOrStarHeavyGlobsAreRefusedBeforeAnyMatching() {
		// 10,000 nested alternatives: refused for its length, without recursing into it.
		String deep = "{a,".repeat(10_000) + "x" + "}".repeat(10_000);
		assertThatThrownBy(() -> PathGlob.parse("path", deep)).hasMessageContaining("longer than 1000");
		// Nesting within the length: refused at the first nested '{'.
		String nested = "{a,".repeat(200) + "x" + "}".repeat(200);
		assertThatThrownBy(() -> PathGlob.parse("path", nested)).hasMessageContaining("nests '{'");
		// Five wildcards would backtrack for seconds per path in H2; four are allowed, '*' in [...] is no wildcard.
		assertThatThrownBy(() -> PathGlob.parse("path", "**e**e**e**e**e**x")).hasMessageContaining("more than 4 wildcards");
		assertThatThrownBy(() -> PathGlob.parse("path", "*a*b*c*d*")).hasMessageContaining("more than 4 wildcards");
		assertThat(matches("**/src/**/*Test*.java", "m/src/a/b/FooTest1.java")).isTrue();
		assertThat(matches("[*]*[*]*[*]*[*]*[*]", "*a*b*c*d*")).isTrue();
		String path = "src/main/java/" + "e".repeat(120) + "/Somefile.java";
		assertThat(matches("**e**e**e**ex", path)).isFalse();
	}

	@Test
	void textQueriesKeepOnlyLettersAndDigitsForPostgres() {
		TextQuery query = TextQuery.parse("q", "parse_args  JSON* os.path.join");
		assertThat(query.terms()).containsExactly("parse_args", "json", "os.path.join");
		assertThat(query.tsquery()).isEqualTo("(parse <-> args) & json:* & (os <-> path <-> join)");
		assertThat(TextQuery.parse("q", "x'); DROP TABLE chunks;").tsquery()).isEqualTo("x & drop & table & chunks");
		assertThatThrownBy(() -> TextQuery.parse("q", "a ->")).isInstanceOf(InvalidParameterException.class);
		assertThatThrownBy(() -> TextQuery.parse("q", "  ")).isInstanceOf(InvalidParameterException.class);
		assertThatThrownBy(() -> TextQuery.parse("q", "a ".repeat(17))).isInstanceOf(InvalidParameterException.class);
	}

	@Test
	void openApiPropertiesBecomeSnakeCase() {
		assertThat(OpenApiConfiguration.snake("filePath")).isEqualTo("file_path");
		assertThat(OpenApiConfiguration.snake("repo")).isEqualTo("repo");
		assertThat(OpenApiConfiguration.snake("latestRunId")).isEqualTo("latest_run_id");
	}

}
