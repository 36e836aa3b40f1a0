"""Oracle for the metadata of Python definitions: prints what Python's own ast says each def/class declares.

Usage: python3 python_signatures.py ROOT

Walks ROOT for .py files as python_defs.py does. Prints one JSON line per definition:
{"file", "name", "end_lineno", "params": [[name, annotation or null], ...], "returns", "decorators", "async", "doc"}
where names of rest parameters carry their * or **, annotations, returns and decorators are the exact source
segments (ast.get_source_segment), and doc is ast.get_docstring(node, clean=True). The last line is
{"files": <number of files parsed>}.
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


def segment(source, node):
    return None if node is None else ast.get_source_segment(source, node)


def params(source, args):
    result = []
    for arg in args.posonlyargs + args.args:
        result.append([arg.arg, segment(source, arg.annotation)])
    if args.vararg is not None:
        result.append(["*" + args.vararg.arg, segment(source, args.vararg.annotation)])
    for arg in args.kwonlyargs:
        result.append([arg.arg, segment(source, arg.annotation)])
    if args.kwarg is not None:
        result.append(["**" + args.kwarg.arg, segment(source, args.kwarg.annotation)])
    return result


def main():
    root = sys.argv[1]
    parsed = 0
    out = sys.stdout
    warnings.simplefilter("ignore")
    for rel in files(root):
        path = os.path.join(root, rel)
        try:
            with open(path, "rb") as f:
                data = f.read()
            source = data.decode("utf-8")
            tree = ast.parse(data, filename=path)
        except (SyntaxError, ValueError, UnicodeDecodeError, OSError):
            continue
        parsed += 1
        for node in ast.walk(tree):
            if not isinstance(node, DEFS):
                continue
            function = not isinstance(node, ast.ClassDef)
            out.write(json.dumps({
                "file": rel,
                "name": node.name,
                "end_lineno": node.end_lineno,
                "params": params(source, node.args) if function else [],
                "returns": segment(source, node.returns) if function else None,
                "decorators": ["@" + segment(source, d) for d in node.decorator_list],
                "async": isinstance(node, ast.AsyncFunctionDef),
                "doc": ast.get_docstring(node, clean=True),
            }) + "\n")
    out.write(json.dumps({"files": parsed}) + "\n")


if __name__ == "__main__":
    main()
