"""Draw the images that lessons embed (src/dlkurs/lessons/bilder/*.png).

Run once after changing a drawing: ``python tools/make_images.py``. The PNGs
are committed, so building notebooks never needs this script.
"""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import Circle, FancyArrowPatch  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "src" / "dlkurs" / "lessons" / "bilder"


def neuron() -> None:
    fig, ax = plt.subplots(figsize=(7, 3.2), dpi=110)
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 5)
    ax.axis("off")
    inputs = [(1.0, 4.2, "$x_1$"), (1.0, 2.5, "$x_2$"), (1.0, 0.8, "$x_3$")]
    weights = ["$w_1$", "$w_2$", "$w_3$"]
    body = (5.0, 2.5)
    for (x, y, label), w in zip(inputs, weights):
        ax.add_patch(Circle((x, y), 0.38, color="#d9e8f5", ec="#1f4e79", lw=1.5))
        ax.text(x, y, label, ha="center", va="center", fontsize=13)
        ax.add_patch(FancyArrowPatch((x + 0.4, y), (body[0] - 0.75, body[1] + (y - body[1]) * 0.25),
                                     arrowstyle="-|>", mutation_scale=14, color="#444"))
        ax.text((x + body[0]) / 2 - 0.6, (y + body[1]) / 2 + (0.55 if y >= body[1] else -0.05), w, fontsize=12, color="#b03a2e")
    ax.add_patch(Circle(body, 0.75, color="#fbe5c8", ec="#a35d00", lw=2))
    ax.text(body[0], body[1] + 0.12, r"$\Sigma$", ha="center", va="center", fontsize=20)
    ax.text(body[0], body[1] - 0.4, "$+\\,b$", ha="center", va="center", fontsize=11)
    ax.add_patch(FancyArrowPatch((body[0] + 0.78, body[1]), (7.0, body[1]), arrowstyle="-|>",
                                 mutation_scale=14, color="#444"))
    ax.add_patch(plt.Rectangle((7.05, 1.95), 1.1, 1.1, color="#e2f0d9", ec="#38761d", lw=2))
    ax.text(7.6, 2.5, "$f$", ha="center", va="center", fontsize=18)
    ax.add_patch(FancyArrowPatch((8.2, body[1]), (9.4, body[1]), arrowstyle="-|>", mutation_scale=14, color="#444"))
    ax.text(9.55, 2.5, "$y$", ha="left", va="center", fontsize=14)
    ax.text(5.0, 0.25, r"$y = f\left(\sum_i w_i x_i + b\right)$", ha="center", fontsize=13)
    ax.text(5.0, 4.55, "Eingaben × Gewichte → Summe → Aktivierung", ha="center", fontsize=10, color="#555")
    fig.tight_layout()
    fig.savefig(OUT / "neuron.png")
    plt.close(fig)


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    neuron()
    print("geschrieben:", *sorted(p.name for p in OUT.glob("*.png")))
