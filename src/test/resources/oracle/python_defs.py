"""Oracle for the Python chunk rules: prints every def/class that Python's own ast finds.

Usage: python3 python_defs.py ROOT

Walks ROOT recursively for .py files (skipping site-packages and dist-packages), sorted for determinism.
Files that the running interpreter cannot parse are skipped. Each parsed file is printed as one JSON line
{"parsed": <path relative to ROOT>}, followed by one JSON line per definition in it:
{"file": <path relative to ROOT>, "kind": ..., "name": ..., "lineno": ..., "end_lineno": ...}.
The last line is {"files": <number of files parsed>, "skipped": <number skipped>}.
"""
import ast
import json
import os
import sys
import warnings

DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
SKIP_DIRS = {"site-packages", "dist-packages", "__pycache__"}


def files(root):
    found = []
    for directory, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d not in SKIP_DIRS]
        for name in names:
            if name.endswith(".py"):
                found.append(os.path.relpath(os.path.join(directory, name), root))
    return sorted(found)


def main():
    root = sys.argv[1]
    parsed = 0
    skipped = 0
    out = sys.stdout
    warnings.simplefilter("ignore")
    for rel in files(root):
        path = os.path.join(root, rel)
        try:
            with open(path, "rb") as f:
                source = f.read()
            tree = ast.parse(source, filename=path)
        except (SyntaxError, ValueError, UnicodeDecodeError, OSError):
            skipped += 1
            continue
        parsed += 1
        out.write(json.dumps({"parsed": rel}) + "\n")
        for node in ast.walk(tree):
            if isinstance(node, DEFS):
                out.write(json.dumps({"file": rel, "kind": type(node).__name__, "name": node.name,
                                      "lineno": node.lineno, "end_lineno": node.end_lineno}) + "\n")
    out.write(json.dumps({"files": parsed, "skipped": skipped}) + "\n")


if __name__ == "__main__":
    main()
