"""The article's algorithm as a Graphviz DOT chart, one scenario's path drawn thick and solid
(pure: no streamlit). The path itself is core.algorithm's; each node says its status in words,
so colour is never the only signal."""

from __future__ import annotations

import textwrap

from core.algorithm import AlgorithmPath, Status, Step

STATUS_MARKS: dict[Status, str] = {
    Status.passed: "▶",
    Status.stop: "■",
    Status.not_reached: "○",
    Status.branch_taken: "▶",
    Status.branch_not_taken: "○",
}

# (fill, border, font colour, border style, pen width) per status; words carry the status too.
_NODE_STYLE: dict[Status, tuple[str, str, str, str, str]] = {
    Status.passed: ("#DCEEFB", "#0072B2", "#111418", "rounded,filled", "3"),
    Status.branch_taken: ("#DCEEFB", "#0072B2", "#111418", "rounded,filled", "3"),
    Status.stop: ("#FBE1D3", "#D55E00", "#111418", "rounded,filled", "3"),
    Status.not_reached: ("#F4F5F7", "#8A96A3", "#4A5560", "rounded,filled,dashed", "1"),
    Status.branch_not_taken: ("#F4F5F7", "#8A96A3", "#4A5560", "rounded,filled,dashed", "1"),
}
_ON = 'color="#0072B2", penwidth=3, fontcolor="#0A4F8F"'
_OFF = 'color="#8A96A3", style=dashed, fontcolor="#4A5560"'


def dot_escape(text: str) -> str:
    """Text safe inside a DOT double-quoted string."""
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _wrap(text: str, width: int = 34) -> list[str]:
    return textwrap.wrap(text, width) or [""]


def _node_label(step: Step) -> str:
    lines = [f"Step {step.number} · {STATUS_MARKS[step.status]} {step.status.value.upper()}"]
    lines += _wrap(step.text)
    for note in step.notes[:8]:
        lines += _wrap(note, 40)
    if len(step.notes) > 8:
        lines.append(f"+ {len(step.notes) - 8} more")
    return "\\n".join(dot_escape(line) for line in lines)


def _node(name: str, label: str, status: Status) -> str:
    fill, border, font, style, pen = _NODE_STYLE[status]
    return (
        f'  {name} [label="{label}", fillcolor="{fill}", color="{border}", '
        f'fontcolor="{font}", style="{style}", penwidth={pen}];'
    )


def algorithm_dot(path: AlgorithmPath) -> str:
    """The algorithm as a DOT digraph, this scenario's path drawn thick and solid."""
    s = {step.number: step for step in path.steps}
    lines = [
        "digraph algorithm {",
        '  graph [rankdir=TB, nodesep=0.35, ranksep=0.3, fontname="Helvetica", bgcolor="white"];',
        '  node [shape=box, fontname="Helvetica", fontsize=14, margin="0.15,0.07"];',
        '  edge [fontname="Helvetica", fontsize=13];',
    ]
    lines += [_node(f"step{n}", _node_label(step), step.status) for n, step in s.items()]
    not_indicated = Status.stop if path.stopped_at == 1 else Status.not_reached
    do_not_start = Status.stop if path.stopped_at == 2 else Status.not_reached
    lines.append(_node("not_indicated", "END · Not indicated yet", not_indicated))
    lines.append(_node("do_not_start", "END · Do not start", do_not_start))

    def edge(a: str, b: str, label: str, on: bool, extra: str = "") -> None:
        style = _ON if on else _OFF
        lines.append(f'  {a} -> {b} [label="{dot_escape(label)}", {style}{extra}];')

    edge("step1", "not_indicated", "not met", path.stopped_at == 1)
    edge("step1", "step2", "met", s[2].status is not Status.not_reached)
    edge("step2", "do_not_start", "contraindication / not recommended", path.stopped_at == 2)
    edge("step2", "step3", "none", s[3].lit)
    edge("step3", "step4", "", s[4].lit)
    edge("step4", "step5", "", s[5].lit)
    edge("step5", "step6", "sustained remission", s[6].lit)
    edge("step5", "step7", "inadequate response / serious AE", s[7].lit)
    edge("step6", "step5", "keep monitoring", s[6].lit, ", constraint=false")
    lines.append("  { rank=same; step2; not_indicated; }")
    lines.append("  { rank=same; step3; do_not_start; }")
    lines.append("}")
    return "\n".join(lines)
