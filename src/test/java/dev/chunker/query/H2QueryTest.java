package dev.chunker.query;

import java.nio.file.Path;
import java.util.Map;

/** The query side on the embedded H2 file database. */
class H2QueryTest extends AbstractQueryTest {

	@Override
	TestDatabase open(Path dir) {
		return TestDatabase.h2(dir);
	}

	/** H2: the term is a case-insensitive substring of the name, qualified name or content. */
	@Override
	boolean textMatches(Map<String, Object> chunk, String term) {
		return searchable(chunk).contains(term.toLowerCase(java.util.Locale.ROOT));
	}

}
