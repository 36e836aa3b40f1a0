package dev.chunker.treesitter;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import io.github.treesitter.jtreesitter.Language;
import io.github.treesitter.jtreesitter.Node;
import io.github.treesitter.jtreesitter.Tree;
import org.jspecify.annotations.Nullable;

/**
 * One native pre-order walk of a tree that reports the nodes whose symbol carries a mark, in one call
 * ({@code chunker_walk}, compiled into the bundle from {@code src/natives/chunker_walk.c}). For rules made only of
 * node types it finds the same nodes as a tree-sitter query at a fraction of the query engine's cost.
 * <p>
 * jtreesitter 0.26 has no public way to hand a tree to other native code or to wrap a node struct, so its
 * package-private {@code Tree.segment()} and {@code Node(MemorySegment, Tree)} are reached through a private
 * lookup (the library is on the class path, in the unnamed module). Where that fails, {@link #available()} is false
 * and callers use a query.
 */
public final class NodeWalk {

	/** Bytes per reported node: the TSNode struct (32), then mark/flags/symbol, start byte, end byte, padding. */
	private static final long RECORD_BYTES = 48;

	private static final @Nullable Handles HANDLES = Handles.find();

	private NodeWalk() {
	}

	/** Whether the native walk can be used in this process. */
	public static boolean available() {
		return HANDLES != null;
	}

	/**
	 * Marks for a language: one byte per symbol, the {@code mark} of each named node type in {@code types} (several
	 * symbols can share a name; all get it). Marks of several calls combine with {@code |}.
	 */
	public static void mark(byte[] marks, Language language, Iterable<String> types, int mark) {
		java.util.Set<String> wanted = new java.util.HashSet<>();
		types.forEach(wanted::add);
		for (int symbol = 0; symbol < marks.length; symbol++) {
			short s = (short) symbol;
			if (language.isNamed(s) && language.isVisible(s) && wanted.contains(language.getSymbolName(s))) {
				marks[symbol] |= (byte) mark;
			}
		}
	}

	/**
	 * Walks the tree.
	 * @param tree the tree
	 * @param marks per-symbol marks (a segment made by {@link #marks(byte[])})
	 * @param expected a guess of the number of marked nodes (the buffer grows when it is too small)
	 * @param arena where the results live; the nodes are valid while it and the tree are open
	 */
	public static Hits walk(Tree tree, MemorySegment marks, int expected, Arena arena) {
		Handles handles = HANDLES;
		if (handles == null) {
			throw new IllegalStateException("the native walk is not available");
		}
		try {
			MemorySegment treeSegment = (MemorySegment) handles.treeSegment().invokeExact(tree);
			long capacity = Math.max(64, expected);
			while (true) {
				MemorySegment out = arena.allocate(capacity * RECORD_BYTES, 8);
				long count = (long) handles.walk().invokeExact(treeSegment, marks, (int) marks.byteSize(), out, capacity);
				if (count <= capacity) {
					return new Hits(tree, out, (int) count, handles);
				}
				capacity = count;
			}
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Copies marks into a native segment that lives as long as the process (marks are per language). */
	public static MemorySegment marks(byte[] marks) {
		MemorySegment segment = Arena.global().allocate(Math.max(1, marks.length));
		MemorySegment.copy(marks, 0, segment, ValueLayout.JAVA_BYTE, 0, marks.length);
		return segment;
	}

	/** The marked nodes of one walk, in document order (a parent before its children). */
	public static final class Hits {

		private final Tree tree;

		private final MemorySegment records;

		private final int count;

		private final Handles handles;

		Hits(Tree tree, MemorySegment records, int count, Handles handles) {
			this.tree = tree;
			this.records = records;
			this.count = count;
			this.handles = handles;
		}

		public int count() {
			return this.count;
		}

		public int mark(int i) {
			return info(i) & 0xFF;
		}

		public boolean hasError(int i) {
			return ((info(i) >>> 8) & 1) != 0;
		}

		public short symbol(int i) {
			return (short) (info(i) >>> 16);
		}

		public int startByte(int i) {
			return this.records.get(ValueLayout.JAVA_INT, i * RECORD_BYTES + 36);
		}

		public int endByte(int i) {
			return this.records.get(ValueLayout.JAVA_INT, i * RECORD_BYTES + 40);
		}

		/**
		 * The node itself, for field and child lookups. It points into the walk's arena: valid only while that arena
		 * (and the tree) is open.
		 */
		public Node node(int i) {
			try {
				return (Node) this.handles.newNode().invokeExact(this.records.asSlice(i * RECORD_BYTES, 32), this.tree);
			}
			catch (RuntimeException | Error ex) {
				throw ex;
			}
			catch (Throwable ex) {
				throw new IllegalStateException(ex);
			}
		}

		private int info(int i) {
			return this.records.get(ValueLayout.JAVA_INT, i * RECORD_BYTES + 32);
		}

	}

	private record Handles(MethodHandle walk, MethodHandle treeSegment, MethodHandle newNode) {

		static @Nullable Handles find() {
			try {
				MethodHandle walk = Linker.nativeLinker()
					.downcallHandle(NativeBundle.lookup().find("chunker_walk").orElseThrow(),
							FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
									ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
				MethodHandles.Lookup tree = MethodHandles.privateLookupIn(Tree.class, MethodHandles.lookup());
				MethodHandle segment = tree.findVirtual(Tree.class, "segment", MethodType.methodType(MemorySegment.class));
				MethodHandles.Lookup node = MethodHandles.privateLookupIn(Node.class, MethodHandles.lookup());
				MethodHandle newNode = node.findConstructor(Node.class,
						MethodType.methodType(void.class, MemorySegment.class, Tree.class));
				return new Handles(walk, segment, newNode);
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				return null;
			}
		}

	}

}
