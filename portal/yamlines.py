"""YAML read with line numbers, so content errors can name the line they are on.

`load(text, first_line)` returns plain data in which every mapping is a `Lined`
dict that knows the line it starts on and the line of each of its keys. Pure.
"""

from __future__ import annotations

import yaml


class Lined(dict):
    line: int = 1
    key_lines: dict

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LinedList(list):
    line: int = 1


class YamlError(ValueError):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line, self.message = line, message


def load(text: str, first_line: int = 1) -> object:
    """Parse `text`; lines count from `first_line` (the file line of the text's line 1).

    Duplicate keys are an error, not a silent overwrite."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        line = mark.line + first_line if mark else first_line
        reason = getattr(error, "problem", None) or str(error)
        raise YamlError(line, f"not valid YAML: {reason}") from error
    if node is None:
        return None
    return _plain(node, first_line)


def _plain(node: yaml.Node, offset: int) -> object:
    line = node.start_mark.line + offset
    if isinstance(node, yaml.MappingNode):
        out = Lined()
        out.line, out.key_lines = line, {}
        for key_node, value_node in node.value:
            key = _scalar(key_node)
            if key in out:
                raise YamlError(key_node.start_mark.line + offset, f"duplicate key '{key}'")
            out.key_lines[str(key)] = key_node.start_mark.line + offset
            out[key] = _plain(value_node, offset)
        return out
    if isinstance(node, yaml.SequenceNode):
        items = LinedList(_plain(item, offset) for item in node.value)
        items.line = line
        return items
    return _scalar(node)


def _scalar(node: yaml.Node) -> object:
    if not isinstance(node, yaml.ScalarNode):
        raise YamlError(node.start_mark.line + 1, "a key must be plain text")
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node, deep=True)
    finally:
        loader.dispose()
