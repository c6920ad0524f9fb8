-- Keep only the language from the HTML's <head>: pandoc would otherwise print the
-- <title> and author as an extra title block above the annex's own heading. The DOCX
-- core properties (title, author, dates) are written by tenderpack afterwards.
function Meta(meta)
  return pandoc.Meta({ lang = meta.lang })
end
