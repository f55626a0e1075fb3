"""Values out of the learner's kernel as plain data, read back without running any code.

The kernel (untrusted) encodes a value into a JSON tree plus NumPy arrays and
writes both into one ``.npz`` file (arrays only, no pickles). The grader reads
that file with ``allow_pickle=False`` after checking its size and owner, and
rebuilds the value from the tree: numbers, strings, tuples, lists, dicts, sets,
arrays, NumPy scalars, tensors (as NumPy arrays, or backend tensors when the
grader asks for them), the placeholder ``___``. Functions and Keras models are
not data: they appear as handles (a function stays in the kernel and is called
there, see :mod:`dlkurs.grade.agent`) or as a saved ``.keras`` file. Anything
else becomes an :class:`Opaque` stand-in that keeps only its type name and a
short repr, so that verdict messages can still name the type.

No function in this module executes code that came from the file: reading a
manipulated file yields wrong values at worst (which the checker judges), or a
:class:`WireError`.
"""

from __future__ import annotations

import io
import json
import math
import zipfile
from typing import Any

import numpy as np

#: Largest result file the grader reads (bytes, uncompressed).
MAX_BYTES = 256 * 1024 * 1024
MAX_DEPTH = 12
MAX_ITEMS = 100_000
MANIFEST = "__manifest__"


class WireError(ValueError):
    """A result file that is not what the grader wrote it for."""


class Opaque:
    """Stand-in for an object that is not plain data (its type name and a short repr)."""

    def __init__(self, type_name: str, text: str) -> None:
        self.type_name = type_name
        self.text = text

    def __repr__(self) -> str:
        return self.text


def opaque(type_name: str, text: str) -> Any:
    """An :class:`Opaque` whose class carries the original type's name (for "Typ X statt Y")."""
    module, _, name = type_name.rpartition(".")
    name = name if name.isidentifier() else "Objekt"
    cls = type(name, (Opaque,), {"__module__": module or "builtins"})
    return cls(type_name, text)


# -- encoding (runs in the kernel) ------------------------------------------------------------


class Encoder:
    """Turns a value into a JSON tree; arrays go to :attr:`arrays`, functions/models to callbacks."""

    def __init__(self, on_function=None, on_model=None) -> None:
        self.arrays: dict[str, np.ndarray] = {}
        self.on_function = on_function
        self.on_model = on_model
        self._items = 0

    def _array(self, value: np.ndarray) -> str:
        key = f"a{len(self.arrays)}"
        self.arrays[key] = value
        return key

    def encode(self, value: Any, depth: int = 0) -> Any:
        self._items += 1
        if depth > MAX_DEPTH or self._items > MAX_ITEMS:
            return {"t": "opaque", "type": _type_name(value), "repr": "…"}
        if value is None or isinstance(value, (bool, str)):
            return {"t": "v", "v": value}
        if type(value).__name__ == "Placeholder" and type(value).__module__ == "dlkurs.exercises.placeholder":
            return {"t": "placeholder"}
        if isinstance(value, np.generic):
            if value.dtype == object:
                return self.encode(value.item(), depth + 1)
            return {"t": "npscalar", "a": self._array(np.asarray(value))}
        if isinstance(value, int):
            if type(value) is not int:  # an int subclass (e.g. IntEnum): keep its value
                value = int(value)
            return {"t": "int", "v": str(value)}
        if isinstance(value, float):
            return {"t": "float", "v": repr(float(value))}
        if isinstance(value, complex):
            return {"t": "complex", "re": repr(value.real), "im": repr(value.imag)}
        if isinstance(value, bytes):
            return {"t": "bytes", "a": self._array(np.frombuffer(value, dtype=np.uint8).copy())}
        if isinstance(value, np.ndarray):
            if value.dtype == object:
                if value.size > MAX_ITEMS:
                    return {"t": "opaque", "type": "numpy.ndarray", "repr": f"array(dtype=object, shape={value.shape})"}
                return {"t": "objarray", "shape": list(value.shape),
                        "items": [self.encode(v, depth + 1) for v in value.flat]}
            return {"t": "array", "a": self._array(np.ascontiguousarray(value))}
        if isinstance(value, (tuple, list, set, frozenset)):
            kind = {tuple: "tuple", list: "list", set: "set", frozenset: "frozenset"}
            name = next((k for cls, k in kind.items() if isinstance(value, cls)), "list")
            items = list(value)
            if len(items) > MAX_ITEMS:
                return {"t": "opaque", "type": _type_name(value), "repr": f"{name} mit {len(items)} Einträgen"}
            return {"t": name, "items": [self.encode(v, depth + 1) for v in items]}
        if isinstance(value, dict):
            pairs = list(value.items())[:MAX_ITEMS]
            return {"t": "dict", "items": [[self.encode(k, depth + 1), self.encode(v, depth + 1)] for k, v in pairs]}
        model = self._model(value)
        if model is not None:
            return model
        tensor = _tensor_array(value)
        if tensor is not None:
            return {"t": "tensor", "type": _type_name(value), "a": self._array(tensor)}
        if callable(value) and not isinstance(value, type) and self.on_function is not None:
            return self.on_function(value)
        return {"t": "opaque", "type": _type_name(value), "repr": _short_repr(value)}

    def _model(self, value: Any) -> Any:
        if self.on_model is None:
            return None
        cls = type(value)
        if not cls.__module__.startswith("keras"):
            if not any(c.__module__.startswith("keras") and c.__name__ in ("Model", "Sequential") for c in cls.__mro__):
                return None
        try:
            import keras

            if isinstance(value, keras.Model):
                return self.on_model(value)
        except Exception:
            return None
        return None


def _type_name(value: Any) -> str:
    cls = type(value)
    module = getattr(cls, "__module__", "") or ""
    return cls.__name__ if module == "builtins" else f"{module}.{cls.__name__}"


def _short_repr(value: Any) -> str:
    try:
        text = repr(value)
    except BaseException:
        text = f"<{_type_name(value)}>"
    return text if len(text) <= 120 else text[:117] + "…"


def _tensor_array(value: Any) -> np.ndarray | None:
    """A backend tensor's values (``None`` for anything else)."""
    top = (type(value).__module__ or "").split(".")[0]
    if top not in ("tensorflow", "jax", "jaxlib", "keras", "torch"):
        return None
    try:
        import keras

        if keras.ops.is_tensor(value) or isinstance(value, keras.Variable):
            array = np.asarray(keras.ops.convert_to_numpy(value))
            return array if array.dtype != object else None
    except Exception:
        return None
    return None


def pack(tree: Any, arrays: dict[str, np.ndarray]) -> bytes:
    """The ``.npz`` bytes of a tree and its arrays."""
    buffer = io.BytesIO()
    blob = np.frombuffer(json.dumps(tree, ensure_ascii=False).encode("utf-8"), dtype=np.uint8)
    np.savez(buffer, **{MANIFEST: blob}, **arrays)
    return buffer.getvalue()


# -- decoding (runs in the grader) ------------------------------------------------------------


def unpack(data: bytes) -> tuple[Any, dict[str, np.ndarray]]:
    """Tree and arrays from ``.npz`` bytes; raises :class:`WireError`, never runs code."""
    if len(data) > MAX_BYTES:
        raise WireError("Ergebnisdatei zu groß")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_BYTES:
                raise WireError("Ergebnisdatei zu groß (entpackt)")
        with np.load(io.BytesIO(data), allow_pickle=False) as npz:
            arrays = {name: npz[name] for name in npz.files}
    except WireError:
        raise
    except Exception as err:
        raise WireError(f"Ergebnisdatei unlesbar ({type(err).__name__})") from None
    blob = arrays.pop(MANIFEST, None)
    if blob is None or blob.dtype != np.uint8:
        raise WireError("Ergebnisdatei ohne Inhaltsverzeichnis")
    try:
        tree = json.loads(blob.tobytes().decode("utf-8"))
    except ValueError:
        raise WireError("Inhaltsverzeichnis der Ergebnisdatei unlesbar") from None
    return tree, arrays


class Decoder:
    """Rebuilds values from a tree; ``functions``/``models`` resolve handles (None: opaque)."""

    def __init__(self, arrays: dict[str, np.ndarray], functions=None, models=None, tensors: bool = False) -> None:
        self.arrays = arrays
        self.functions = functions
        self.models = models
        self.tensors = tensors

    def array(self, key: Any) -> np.ndarray:
        if not isinstance(key, str) or key not in self.arrays:
            raise WireError("Verweis auf ein fehlendes Array")
        value = self.arrays[key]
        if value.dtype == object:
            raise WireError("Objekt-Array in der Ergebnisdatei")
        return value

    def decode(self, node: Any, depth: int = 0) -> Any:
        if depth > MAX_DEPTH + 2 or not isinstance(node, dict):
            raise WireError("Ergebnisdatei mit ungültiger Struktur")
        kind = node.get("t")
        if kind == "v":
            value = node.get("v")
            if value is not None and not isinstance(value, (bool, str)):
                raise WireError("ungültiger Wert")
            return value
        if kind == "placeholder":
            from dlkurs.exercises import ___

            return ___
        if kind == "int":
            text = str(node.get("v"))
            if len(text) > 5000:
                raise WireError("Zahl zu lang")
            return int(text)
        if kind == "float":
            return float(str(node.get("v")))
        if kind == "complex":
            return complex(float(str(node.get("re"))), float(str(node.get("im"))))
        if kind == "npscalar":
            array = self.array(node.get("a"))
            return array.reshape(()).dtype.type(array.reshape(())[()]) if array.size == 1 else array
        if kind == "bytes":
            return self.array(node.get("a")).astype(np.uint8).tobytes()
        if kind == "array":
            return self.array(node.get("a"))
        if kind == "objarray":
            items = [self.decode(item, depth + 1) for item in _items(node)]
            shape = tuple(int(s) for s in node.get("shape", []))
            if math.prod(shape) != len(items):
                raise WireError("Objekt-Array mit falscher Form")
            out = np.empty(len(items), dtype=object)
            for i, item in enumerate(items):
                out[i] = item
            return out.reshape(shape)
        if kind in ("tuple", "list", "set", "frozenset"):
            items = [self.decode(item, depth + 1) for item in _items(node)]
            if kind in ("set", "frozenset"):
                try:
                    return set(items) if kind == "set" else frozenset(items)
                except TypeError:
                    raise WireError("Menge mit unhashbaren Einträgen") from None
            return tuple(items) if kind == "tuple" else items
        if kind == "dict":
            out = {}
            for pair in _items(node):
                if not isinstance(pair, list) or len(pair) != 2:
                    raise WireError("ungültiges Wörterbuch")
                key = self.decode(pair[0], depth + 1)
                try:
                    out[key] = self.decode(pair[1], depth + 1)
                except TypeError:
                    raise WireError("Wörterbuch mit unhashbarem Schlüssel") from None
            return out
        if kind == "tensor":
            array = self.array(node.get("a"))
            if self.tensors:
                try:
                    import keras

                    return keras.ops.convert_to_tensor(array)
                except Exception:
                    return array
            return array
        if kind == "function":
            if self.functions is None:
                return opaque("function", str(node.get("name", "f")))
            return self.functions(node)
        if kind == "model":
            if self.models is None:
                return opaque("keras.Model", "Modell")
            return self.models(node)
        if kind == "opaque":
            return opaque(str(node.get("type", "object"))[:200], str(node.get("repr", ""))[:200])
        raise WireError(f"unbekannter Eintrag {str(kind)[:20]!r}")


def _items(node: dict) -> list:
    items = node.get("items")
    if not isinstance(items, list) or len(items) > MAX_ITEMS:
        raise WireError("ungültige Liste")
    return items


def roundtrip(value: Any) -> Any:
    """Encode and decode ``value`` (for tests): what the grader would see of it."""
    encoder = Encoder()
    tree = encoder.encode(value)
    decoded_tree, arrays = unpack(pack(tree, encoder.arrays))
    return Decoder(arrays).decode(decoded_tree)


__all__ = ["Decoder", "Encoder", "Opaque", "WireError", "pack", "roundtrip", "unpack"]
