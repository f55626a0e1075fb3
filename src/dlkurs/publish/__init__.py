"""Trainer material from the lesson sources: notebooks, reveal.js slides and a static course website.

``dlkurs build`` (:mod:`dlkurs.cli.publish`) calls :func:`dlkurs.publish.builder.build`.
The pieces:

- :mod:`dlkurs.publish.executed` picks each lesson's executed notebook: from the
  runs folder of ``dlkurs run`` (a full run first), otherwise it runs the lesson
  in the quick profile now;
- :mod:`dlkurs.publish.slides` turns an executed notebook into a reveal.js deck
  with nbconvert's SlidesExporter (reveal.js served from the output folder);
- :mod:`dlkurs.publish.site` writes Markdown pages from the notebooks with
  nbconvert and builds the website with MkDocs and the Material theme (search,
  prev/next navigation, offline plugin);
- formulas become MathML when the pages are written
  (:func:`dlkurs.build.offline_html.math_to_mathml`), so neither the slides nor
  the site need a math library or anything from the internet at view time.
"""
