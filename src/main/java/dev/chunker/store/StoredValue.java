package dev.chunker.store;

/** A value persisted in a column in its own text form, read back with {@link #fromDb}. */
public interface StoredValue {

	/** The stored form. */
	String dbValue();

	/**
	 * The constant of {@code type} stored as {@code value}.
	 * @throws IllegalArgumentException naming the column when no constant is stored that way
	 */
	static <E extends Enum<E> & StoredValue> E fromDb(Class<E> type, String value, String column) {
		for (E constant : type.getEnumConstants()) {
			if (constant.dbValue().equals(value)) {
				return constant;
			}
		}
		throw new IllegalArgumentException("unknown value '" + value + "' in column " + column);
	}

}
