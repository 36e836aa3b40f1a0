package dev.chunker.query;

import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The read side of the index, one service per concern over the same database: repositories, runs and files; the
 * chunk search (and export); chunks by id and their tree; the change feed.
 * @param repositories repositories, their runs and their files
 * @param search chunk searches, counts, streams and the export
 * @param tree chunks by id, their parents and children
 * @param feed the change feed since a run
 * @param windows the packed view's windows and their change feed
 * @param languages language ids a {@code language} parameter may name
 */
public record QueryService(RepositoryQueries repositories, ChunkSearch search, ChunkTree tree, ChangeFeed feed,
		WindowFeed windows, Set<String> languages) {

	public QueryService {
		languages = Set.copyOf(languages);
	}

	/** The services over one database (its dialect is found on first use). */
	public static QueryService over(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
			Set<String> languages) {
		QueryDatabase db = new QueryDatabase(jdbc, transactionManager);
		ChunkSearch search = new ChunkSearch(db);
		return new QueryService(new RepositoryQueries(db), search, new ChunkTree(db), new ChangeFeed(db, search),
				new WindowFeed(db), languages);
	}

}
