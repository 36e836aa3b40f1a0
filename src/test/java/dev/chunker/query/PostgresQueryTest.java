package dev.chunker.query;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The query side on PostgreSQL (a database of its own on the local server, dropped afterwards). */
class PostgresQueryTest extends AbstractQueryTest {

	@Override
	TestDatabase open(Path dir) throws Exception {
		return TestDatabase.postgres();
	}

	/**
	 * PostgreSQL: the words of the term (runs of letters and digits) follow each other among the words of the name,
	 * qualified name and content.
	 */
	@Override
	boolean textMatches(Map<String, Object> chunk, String term) {
		List<String> words = TextQuery.words(searchable(chunk));
		List<String> wanted = TextQuery.words(term.toLowerCase(java.util.Locale.ROOT));
		for (int i = 0; i + wanted.size() <= words.size(); i++) {
			if (words.subList(i, i + wanted.size()).equals(wanted)) {
				return true;
			}
		}
		return false;
	}

}
