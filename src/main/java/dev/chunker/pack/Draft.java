package dev.chunker.pack;

/**
 * A window as packing makes it, before the merge.
 * @param from first byte
 * @param to end byte (exclusive)
 * @param owner the definition (or the file) the window belongs to: windows of one owner merge freely
 * @param whole whether the window holds a whole segment (a definition, or a run between definitions)
 * @param anchor whether the window's segment starts a merge group of its own (content-chosen, see
 *     {@link WindowMerger})
 */
record Draft(int from, int to, int owner, boolean whole, boolean anchor) {

}
