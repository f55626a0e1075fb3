"""The registry: every dataset and weight file the course uses, in one place.

Each :class:`Dataset` lists its *items* (the files that make it up). An item
may exist in several accepted *forms* (e.g. Stanford's ``aclImdb_v1.tar.gz``
or the trainer's ``aclImdb_train_test.tar.xz``), each with its whole-file
hashes and download sources. Where the bytes of a form are not fixed but its
content is, the item carries a *content check* (see :mod:`dlkurs.data.content`).
Image sets without an archive are *trees*, verified by one aggregate hash over
all their files.

Hashes and sizes come from the upstream loaders (``keras/src/datasets/*.py``,
``keras/src/applications/vgg16.py``, ``keras/src/applications/mobilenet_v3.py``,
``sklearn/datasets/_california_housing.py``)
and from ``shared/data/MANIFEST.md`` (the course's reference copies).

This module is declarative and light: no NumPy, no pandas at import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Union

from dlkurs.data.content import GunzipSha256, NpzArrays, NumericTable, ZippedCsv
from dlkurs.data.errors import UnknownDataset

ContentCheck = Union[NpzArrays, GunzipSha256, NumericTable, ZippedCsv]

KERAS = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/"

#: Kinds of result ``load()`` returns (see :func:`dlkurs.data.load`).
KINDS = {
    "arrays": "NumPy-Arrays (x_train, y_train), (x_test, y_test)",
    "sequences": "Integer-Sequenzen (x_train, y_train), (x_test, y_test)",
    "folder": "Ordner (pathlib.Path)",
    "table": "Tabelle (pandas.DataFrame)",
    "text": "Textdatei (pathlib.Path)",
    "weights": "Gewichtsdatei (pathlib.Path)",
}


@dataclass(frozen=True)
class Source:
    """Where a form can be downloaded.

    url: the address. hash: hash of the downloaded file when it is not the form
    itself (an archive); member: the path of the form inside that archive.
    """

    url: str
    hash: Optional[str] = None
    member: Optional[str] = None
    filename: Optional[str] = None

    @property
    def host(self) -> str:
        return self.url.split("/")[2] if "://" in self.url else self.url


@dataclass(frozen=True)
class Form:
    """One accepted form of an item: a file name and the hashes of its bytes.

    filename: name in the dataset's folder of the data home.
    hashes: accepted whole-file hashes, ``"sha256:<hex>"`` or ``"md5:<hex>"``.
    size: bytes of this form, where known.
    sources: download sources (empty: only by import).
    match: relative-path suffixes that an import recognises as this form.
    origin: where this form comes from (for people).
    """

    filename: str
    hashes: tuple[str, ...] = ()
    size: Optional[int] = None
    sources: tuple[Source, ...] = ()
    match: tuple[str, ...] = ()
    origin: str = ""

    @property
    def patterns(self) -> tuple[str, ...]:
        return self.match or (self.filename,)


@dataclass(frozen=True)
class Item:
    """One file of a dataset, in any of its accepted forms."""

    key: str
    forms: tuple[Form, ...]
    content: Optional[ContentCheck] = None

    def form(self, filename: str) -> Form:
        for form in self.forms:
            if form.filename == filename:
                return form
        raise KeyError(filename)


@dataclass(frozen=True)
class Tree:
    """A folder of files in the data home.

    dirname: the folder's name inside the dataset folder.
    aggregate_sha256: hash over all files (``sha256sum`` lines of the sorted
      paths, as in MANIFEST.md), or None for a tree extracted from an archive
      item (``source``), which is verified against the archive it came from.
    exclude: path patterns (fnmatch, relative to the archive) left out on extraction.
    """

    dirname: str
    files: int
    size: int
    aggregate_sha256: Optional[str] = None
    source: Optional[str] = None
    exclude: tuple[str, ...] = ()
    match: tuple[str, ...] = ()


@dataclass(frozen=True)
class Dataset:
    """A registry entry. ``load(name)`` returns a value of ``kind`` (see KINDS)."""

    name: str
    title: str
    kind: str
    description: str
    license: str
    items: tuple[Item, ...] = ()
    tree: Optional[Tree] = None
    homepage: str = ""
    note: str = ""
    aliases: tuple[str, ...] = ()
    verification: str = ""
    substitute: Optional[str] = None
    embedded: Optional[str] = None
    manual: str = ""
    lessons: tuple[str, ...] = field(default_factory=tuple)

    @property
    def size(self) -> int:
        """Bytes this dataset takes in the data home (largest accepted form per item)."""
        total = sum(max((f.size or 0) for f in item.forms) for item in self.items)
        return total + (self.tree.size if self.tree else 0)

    @property
    def downloadable(self) -> bool:
        return bool(self.items) and all(any(f.sources for f in item.forms) for item in self.items) and (
            self.tree is None or self.tree.source is not None
        )

    @property
    def hosts(self) -> tuple[str, ...]:
        seen: list[str] = []
        for item in self.items:
            for form in item.forms:
                for source in form.sources:
                    if source.host not in seen:
                        seen.append(source.host)
        return tuple(seen)

    def item(self, key: str) -> Item:
        for item in self.items:
            if item.key == key:
                return item
        raise KeyError(key)


def _keras(filename: str, sha256: str, size: int, **kw) -> Form:
    return Form(filename, (f"sha256:{sha256}",), size, (Source(KERAS + filename),),
                origin="Keras (tf-keras-datasets)", **kw)


_FASHION = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"


def _fashion(filename: str, sha256: str, size: int, raw_sha256: str, raw_size: int) -> Item:
    return Item(
        filename.split("-")[0] + "-" + filename.split("-")[1],
        (Form(filename, (f"sha256:{sha256}",), size, (Source(_FASHION + filename), Source(KERAS + filename)),
              origin="Zalando Research (upstream-Dateien)"),),
        content=GunzipSha256(raw_sha256, raw_size),
    )


JENA_HEADER = (
    '"Date Time","p (mbar)","T (degC)","Tpot (K)","Tdew (degC)","rh (%)","VPmax (mbar)",'
    '"VPact (mbar)","VPdef (mbar)","sh (g/kg)","H2OC (mmol/mol)","rho (g/m**3)","wv (m/s)",'
    '"max. wv (m/s)","wd (deg)"'
)

DATASETS: tuple[Dataset, ...] = (
    Dataset(
        name="mnist",
        title="MNIST (handgeschriebene Ziffern)",
        kind="arrays",
        description="70 000 Graustufenbilder 28×28 der Ziffern 0–9 (60 000 Training, 10 000 Test), uint8.",
        license="© Yann LeCun & Corinna Cortes; laut Keras/TFDS CC BY-SA 3.0.",
        homepage="http://yann.lecun.com/exdb/mnist/",
        items=(
            Item(
                "data",
                (_keras("mnist.npz", "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1", 11_490_434),),
                content=NpzArrays((
                    ("x_train", "uint8", (60000, 28, 28), "741c988805d008ac6e4c904b69001ba184c24b2c540a4ef403f4c71b676cf757"),
                    ("y_train", "uint8", (60000,), "1feba77c54802fa5339a11837ea4b2866434b83314ec45192930f1df69120c13"),
                    ("x_test", "uint8", (10000, 28, 28), "6d87418db22cc8025d05968bec9bd5c3932904b23485740db143a061a2c9d161"),
                    ("y_test", "uint8", (10000,), "ddeff807876a9661a1110d45c266c86239a3a1b7d37da0c3716a7a683c852ff5"),
                )),
            ),
        ),
        verification="SHA-256 der Keras-Datei oder Inhalts-Hashes der vier Arrays (anderer .npz-Container)",
        substitute="digits",
    ),
    Dataset(
        name="fashion_mnist",
        title="Fashion-MNIST (Kleidungsstücke)",
        kind="arrays",
        description="70 000 Graustufenbilder 28×28 von 10 Kleidungsklassen (60 000 Training, 10 000 Test), uint8.",
        license="MIT (Zalando SE).",
        homepage="https://github.com/zalandoresearch/fashion-mnist",
        aliases=("fashion-mnist",),
        items=(
            _fashion("train-images-idx3-ubyte.gz", "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
                     26_421_880, "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888", 47_040_016),
            _fashion("train-labels-idx1-ubyte.gz", "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
                     29_515, "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9", 60_008),
            _fashion("t10k-images-idx3-ubyte.gz", "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
                     4_422_102, "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b", 7_840_016),
            _fashion("t10k-labels-idx1-ubyte.gz", "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5",
                     5_148, "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34", 10_008),
        ),
        verification="SHA-256 je Datei (upstream) oder SHA-256 des entpackten Inhalts (anderer gzip-Kopf)",
        substitute="digits",
    ),
    Dataset(
        name="imdb",
        title="IMDB-Filmkritiken (Rohtexte)",
        kind="folder",
        description=(
            "50 000 Filmkritiken (je 12 500 positiv/negativ in train und test) als Textdateien, "
            "dazu Keras' Wortindex für Integer-Sequenzen (imdb_sequences)."
        ),
        license="Maas et al., ACL 2011 (Large Movie Review Dataset v1.0): Zitat erbeten, sonst keine Lizenz angegeben.",
        homepage="https://ai.stanford.edu/~amaas/data/sentiment/",
        items=(
            Item(
                "archive",
                (
                    Form("aclImdb_v1.tar.gz", ("md5:7c2ac02c03563afcf9b574c7e56c153a",), 84_125_825,
                         (Source("https://ai.stanford.edu/~amaas/data/sentiment/aclImdb_v1.tar.gz"),),
                         origin="Stanford (Originalarchiv)"),
                    Form("aclImdb_train_test.tar.xz",
                         ("sha256:2f47120ef56fe4540e2ec3b5289bdc44277a86e624b38b54e0e689bae7306ba0",), 19_080_428,
                         origin="Kurs-Kopie (train/test ohne unsup, xz; siehe shared/data/MANIFEST.md)"),
                ),
            ),
            Item(
                "word_index",
                (Form("imdb_word_index.json",
                      ("md5:bfafd718b763782e994055a2d397834f",
                       "sha256:027313fe9a320280f3bf0fac5baf58c4a683cf39a7ed9c3d3d3912bde4284cf6"),
                      1_641_221, (Source(KERAS + "imdb_word_index.json"),), origin="Keras"),),
            ),
        ),
        tree=Tree("aclImdb", files=50_008, size=72_136_554, source="archive",
                  exclude=("aclImdb/train/unsup", "aclImdb/train/unsup/*", "*.feat")),
        verification=(
            "Archiv: MD5 des Stanford-Archivs oder SHA-256 der Kurs-Kopie; entpackter Ordner: SHA-256 jeder Datei "
            "gegen das geprüfte Archiv; Wortindex: MD5 aus Keras"
        ),
        note="Entpackt ohne train/unsup und *.feat, damit text_dataset_from_directory genau zwei Klassen sieht.",
    ),
    Dataset(
        name="reuters",
        title="Reuters-Nachrichten (46 Themen)",
        kind="sequences",
        description="11 228 Kurznachrichten als Wort-Index-Sequenzen mit 46 Themenklassen (Keras-Fassung).",
        license="Reuters-21578, Distribution 1.0 (für Forschungszwecke frei); Vorverarbeitung durch Keras.",
        homepage="https://keras.io/api/datasets/reuters/",
        items=(
            Item("data", (Form("reuters.npz",
                               ("sha256:d6586e694ee56d7a4e65172e12b3e987c03096cb01eab99753921ef915959916",),
                               2_110_848, (Source(KERAS + "reuters.npz"),), origin="Keras"),)),
            Item("word_index", (Form("reuters_word_index.json", ("md5:4d44cc38712099c9e383dc6e5f11a921",),
                                     550_378, (Source(KERAS + "reuters_word_index.json"),), origin="Keras"),)),
        ),
        verification="SHA-256 bzw. MD5 der Keras-Dateien",
    ),
    Dataset(
        name="boston_housing",
        title="Boston Housing (Hauspreise 1978)",
        kind="arrays",
        description="506 Wohnbezirke, 13 Merkmale, Median-Hauspreis in 1000 $; Keras-Aufteilung 404/102.",
        license="Harrison & Rubinfeld 1978 (UCI/StatLib).",
        homepage="https://keras.io/api/datasets/boston_housing/",
        note=(
            "Ethik-Hinweis: Die Spalte B wurde aus dem Anteil schwarzer Bevölkerung gebildet, unter der Annahme, "
            "dass dieser Preise senkt. scikit-learn hat den Datensatz deshalb entfernt. Im Kurs nur zum Vergleich "
            "mit dem Buch; für eigene Arbeit California Housing verwenden."
        ),
        items=(
            Item(
                "data",
                (_keras("boston_housing.npz", "f553886a1f8d56431e820c5b82552d9d95cfcb96d1e678153f8839538947dff5", 57_026),),
                content=NpzArrays((
                    ("x", "float64", (506, 13), "58d9abef45a8e00c844d74ff0027c96d21a8a237d7ba7e4c0c30b11dcdafde10"),
                    ("y", "float64", (506,), "a7a4a2bed7266f5e88acd2854ae97af5206bed564ab217810535d4cd14d76edb"),
                )),
            ),
        ),
        verification="SHA-256 der Keras-Datei oder Inhalts-Hashes der Arrays x und y",
    ),
    Dataset(
        name="california_housing",
        title="California Housing (Hauspreise 1990)",
        kind="table",
        description="20 640 Bezirke Kaliforniens, 8 Merkmale, Median-Hauswert in 100 000 $ (Spalten wie scikit-learn).",
        license="StatLib (Pace & Barry 1997), keine Lizenz angegeben; von scikit-learn weiterverteilt.",
        homepage="https://www.dcc.fc.up.pt/~ltorgo/Regression/cal_housing.html",
        items=(
            Item(
                "data",
                (Form("cal_housing.data",
                      ("sha256:a2b44dcc7e1c9091b43c4f458b25cbd1f7e8068d08edd26bc4703108d3fa6214",), 2_071_484,
                      (Source("https://ndownloader.figshare.com/files/5976036",
                              hash="sha256:aaa5c9a6afe2225cc2aed2723682ae403280c4a3695a2ddda4ffb5d8215ea681",
                              member="CaliforniaHousing/cal_housing.data", filename="cal_housing.tgz"),),
                      origin="StatLib-Datei aus scikit-learns cal_housing.tgz"),),
                content=NumericTable("a2f4f55ff91c67e60391318ea4d61d247d09f8fef119ec6f44a1eb727d7f1f7b", (20640, 9)),
            ),
        ),
        verification="SHA-256 der StatLib-Datei oder SHA-256 der Zahlenwerte (andere Zahlenformatierung)",
    ),
    Dataset(
        name="cifar10",
        title="CIFAR-10 (Farbbilder, 10 Klassen)",
        kind="arrays",
        description="60 000 Farbbilder 32×32×3 in 10 Klassen (50 000 Training, 10 000 Test), uint8, channels_last.",
        license="Krizhevsky 2009 (Tech. Report); keine Lizenz angegeben, Zitat erbeten.",
        homepage="https://www.cs.toronto.edu/~kriz/cifar.html",
        items=(
            Item("archive", (Form("cifar-10-python.tar.gz",
                                  ("sha256:6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce",),
                                  170_498_071,
                                  (Source("https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz"),),
                                  origin="Universität Toronto (wie Keras)"),)),
        ),
        verification="SHA-256 des Originalarchivs (wie Keras)",
    ),
    Dataset(
        name="titanic",
        title="Titanic (Passagierliste)",
        kind="table",
        description="891 Passagiere mit Überleben, Klasse, Geschlecht, Alter, … (Kaggle train.csv).",
        license="Keine Lizenz angegeben; Kaggle-Wettbewerb „Titanic“ (train).",
        homepage="https://www.kaggle.com/c/titanic/data",
        items=(
            Item("data", (Form("train.csv",
                               ("sha256:4a437fde05fe5264e1701a7387ac6fb75393772ba38bb2c9c566405af5af4bd7",), 60_302,
                               (Source("https://raw.githubusercontent.com/datasciencedojo/datasets/master/titanic.csv"),),
                               match=("titanic/train.csv", "titanic.csv"),
                               origin="datasciencedojo/datasets titanic.csv (= Kaggle train.csv)"),)),
        ),
        verification="SHA-256 der Datei",
    ),
    Dataset(
        name="cats_vs_dogs_small",
        title="Katzen und Hunde (kleine Auswahl)",
        kind="folder",
        description=(
            "4000 JPEG-Fotos aus Kaggles „Dogs vs. Cats“: train 1000+1000, validation 500+500, test 500+500 "
            "(Aufteilung wie in Deep Learning with Python)."
        ),
        license="Kaggle „Dogs vs. Cats“ (Microsoft Asirra/Petfinder): nur nicht-kommerzielle Forschung.",
        homepage="https://www.kaggle.com/c/dogs-vs-cats/data",
        aliases=("cats_and_dogs_small", "dogs_vs_cats_small"),
        tree=Tree("cats_and_dogs_small", files=4000, size=90_897_189,
                  aggregate_sha256="fe3540f171e7ce92d4fe84bb6271019e7b0dedbb10250383a3bab65f799a8d96",
                  match=("cats_and_dogs_small",)),
        verification="Gesamt-Hash über alle 4000 Dateien (sha256sum der sortierten Pfade, wie MANIFEST.md)",
        manual=(
            "Kein automatischer Download (Kaggle verlangt eine Anmeldung): Die Trainerin/der Trainer bringt den "
            "Ordner im Daten-Paket mit."
        ),
    ),
    Dataset(
        name="jena_climate",
        title="Jena-Klimadaten 2009–2016",
        kind="table",
        description="420 551 Wetter-Messungen im 10-Minuten-Takt (14 Größen, z. B. Temperatur, Druck, Feuchte), float32.",
        license="Max-Planck-Institut für Biogeochemie, Wetterstation Jena; keine Lizenz angegeben.",
        homepage="https://www.bgc-jena.mpg.de/wetter/",
        items=(
            Item(
                "archive",
                (Form("jena_climate_2009_2016.csv.zip", (), 13_568_290,
                      (Source(KERAS + "jena_climate_2009_2016.csv.zip"),
                       Source("https://s3.amazonaws.com/keras-datasets/jena_climate_2009_2016.csv.zip")),
                      origin="Keras / Deep Learning with Python"),),
                content=ZippedCsv("jena_climate_2009_2016.csv", JENA_HEADER, "01.01.2009 00:10:00", 420_000),
            ),
        ),
        verification=(
            "Kein veröffentlichter Hash: Struktur (Zip mit genau der CSV, Kopfzeile, erster Zeitstempel, "
            "≥ 420 000 Zeilen); der SHA-256 wird beim ersten Import festgehalten und im Daten-Paket mitgegeben"
        ),
    ),
    Dataset(
        name="greensboro_tmy3",
        title="Wetter Greensboro (NC), typisches meteorologisches Jahr (TMY3)",
        kind="table",
        description=(
            "8760 stündliche Wettermessungen der Station Greensboro Piedmont Triad (USA): Temperatur, "
            "Taupunkt, Feuchte, Druck, Wind, … Ein typisches Jahr aus zwölf echten Monaten verschiedener Jahre "
            "(NREL TMY3), wie es das Paket pvlib mitliefert."
        ),
        license="NREL National Solar Radiation Database (TMY3), US-Regierungsdaten; mitgeliefert von pvlib (BSD-3).",
        homepage="https://github.com/pvlib/pvlib-python/blob/v0.16.1/pvlib/data/723170TYA.CSV",
        items=(
            Item("data", (Form("723170TYA.CSV",
                               ("sha256:1e96f84638ce98e6b29002bc45a27aa69bb29b0ed0368d3b52b7b1f81610c6c9",), 1_716_576,
                               match=("pvlib/data/723170TYA.CSV", "723170TYA.CSV"),
                               origin="pvlib 0.16.1 (Wheel von PyPI), pvlib/data/723170TYA.CSV"),)),
        ),
        verification="SHA-256 der Datei",
        manual=(
            "Kommt mit dem Python-Paket pvlib: `pip download pvlib==0.16.1 --no-deps`, das Wheel entpacken und "
            "`dlkurs data import <Ordner>` (findet pvlib/data/723170TYA.CSV); oder im Daten-Paket der Trainerin/des Trainers."
        ),
    ),
    Dataset(
        name="faust",
        title="Goethe: Faust I und II (deutscher Text)",
        kind="text",
        description=(
            "Goethes „Faust. Der Tragödie erster und zweiter Teil“, UTF-8, ca. 500 000 Zeichen – für "
            "Zeichen-Textgenerierung und den deutschen Mini-GPT."
        ),
        license="Gemeinfrei (Goethe † 1832); Transkription nach Project Gutenberg.",
        homepage="https://www.gutenberg.org/ebooks/2229",
        aliases=("text_de", "goethe_faust"),
        items=(
            Item("text", (Form("goethe_faust.txt",
                               ("sha256:b53b130fba53abca768d189b961b617e62f380dc84e39219e6f339ccb3f9cf8f",), 502_042,
                               (Source("https://raw.githubusercontent.com/fhswf/datasets/"
                                       "3108561330ecfbd16baf51dc89bbaafed2711fb2/faust.txt"),),
                               match=("goethe_faust.txt", "text_de/faust.txt"),
                               origin="fhswf/datasets faust.txt"),)),
        ),
        verification="SHA-256 der Datei",
    ),
    Dataset(
        name="vgg16_notop",
        title="VGG16-Gewichte (ImageNet, ohne Klassifikator)",
        kind="weights",
        description="Vortrainierte ImageNet-Gewichte der VGG16-Faltungsbasis für keras.applications.VGG16(include_top=False).",
        license="CC BY 4.0 (Simonyan & Zisserman, Visual Geometry Group Oxford); portiert von Keras.",
        homepage="https://keras.io/api/applications/vgg/",
        aliases=("vgg16",),
        items=(
            Item("weights", (Form("vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5",
                                  ("md5:6d6bbae143d832006294945121d1f1fc",), 58_889_256,
                                  (Source("https://storage.googleapis.com/tensorflow/keras-applications/vgg16/"
                                          "vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5"),),
                                  origin="keras-applications"),)),
        ),
        verification="MD5 aus keras/src/applications/vgg16.py",
        note="Verwendung: keras.applications.VGG16(weights=str(pfad), include_top=False, input_shape=…)",
    ),
    Dataset(
        name="mobilenet_v3_small_notop",
        title="MobileNetV3Small-Gewichte (ImageNet, ohne Klassifikator)",
        kind="weights",
        description=(
            "Vortrainierte ImageNet-Gewichte der MobileNetV3Small-Faltungsbasis (Breite 1.0, float) für "
            "keras.applications.MobileNetV3Small(include_top=False): 939 120 Parameter, auf einer Laptop-CPU "
            "rund zehnmal schneller als VGG16."
        ),
        license="Apache 2.0 (keras-applications); Howard et al. 2019, „Searching for MobileNetV3“.",
        homepage="https://keras.io/api/applications/mobilenet/",
        aliases=("mobilenet_v3_small",),
        items=(
            # size: no published figure; 939 120 float32 in HDF5 (about 4 MB). The MD5 is what verifies.
            Item("weights", (Form("weights_mobilenet_v3_small_224_1.0_float_no_top_v2.h5",
                                  ("md5:d3e8ec802a04aa4fc771ee12a9a9b836",), 4_000_000,
                                  (Source("https://storage.googleapis.com/tensorflow/keras-applications/"
                                          "mobilenet_v3/weights_mobilenet_v3_small_224_1.0_float_no_top_v2.h5"),),
                                  origin="keras-applications"),)),
        ),
        verification="MD5 aus keras/src/applications/mobilenet_v3.py",
        note=(
            "Verwendung: keras.applications.MobileNetV3Small(weights=str(pfad), include_top=False, "
            "input_shape=…); die Eingabe sind Pixel in [0, 255], die Skalierung steckt im Modell"
        ),
    ),
    # Data that ships inside scikit-learn: always there, nothing to download.
    Dataset(name="iris", title="Iris (Schwertlilien)", kind="table", embedded="load_iris",
            description="150 Blüten, 4 Maße, 3 Arten (in scikit-learn enthalten).",
            license="BSD-3 (scikit-learn); Fisher 1936.", verification="in scikit-learn enthalten"),
    Dataset(name="digits", title="Digits (Ziffern 8×8)", kind="table", embedded="load_digits",
            description="1797 Ziffernbilder 8×8 mit Werten 0–16 (in scikit-learn enthalten).",
            license="BSD-3 (scikit-learn); UCI.", verification="in scikit-learn enthalten"),
    Dataset(name="wine", title="Wine (Weine)", kind="table", embedded="load_wine",
            description="178 Weine, 13 chemische Merkmale, 3 Rebsorten (in scikit-learn enthalten).",
            license="BSD-3 (scikit-learn); UCI.", verification="in scikit-learn enthalten"),
    Dataset(name="breast_cancer", title="Breast Cancer Wisconsin", kind="table", embedded="load_breast_cancer",
            description="569 Gewebeproben, 30 Merkmale, gutartig/bösartig (in scikit-learn enthalten).",
            license="BSD-3 (scikit-learn); UCI.", verification="in scikit-learn enthalten"),
    Dataset(name="diabetes", title="Diabetes", kind="table", embedded="load_diabetes",
            description="442 Patientinnen/Patienten, 10 Merkmale, Krankheitsverlauf nach einem Jahr (in scikit-learn enthalten).",
            license="BSD-3 (scikit-learn); Efron et al. 2004.", verification="in scikit-learn enthalten"),
)

_BY_NAME: dict[str, Dataset] = {}
for _ds in DATASETS:
    for _key in (_ds.name, *_ds.aliases):
        _BY_NAME[_key.lower()] = _ds


def names(*, embedded: bool = True) -> list[str]:
    """Registry names in course order; ``embedded=False`` leaves out scikit-learn's sets."""
    return [d.name for d in DATASETS if embedded or not d.embedded]


def get(name: str) -> Dataset:
    """The registry entry for ``name`` (or one of its aliases)."""
    try:
        return _BY_NAME[str(name).strip().lower().replace(" ", "_")]
    except KeyError:
        raise UnknownDataset(
            f"Unbekannter Datensatz '{name}'. Bekannt sind: {', '.join(names())}."
        ) from None


def human_size(size: int) -> str:
    """``11490434`` -> ``'11,5 MB'`` (German decimal comma)."""
    value = float(size)
    for unit in ("Bytes", "kB", "MB", "GB"):
        if value < 1000 or unit == "GB":
            if unit == "Bytes":
                return f"{int(value)} Bytes"
            return f"{value:.1f} {unit}".replace(".", ",")
        value /= 1000
    return f"{size} Bytes"  # pragma: no cover
