-- Column widths that fit each table's content, for the annex DOCX.
--
-- pandoc gives a table from HTML without widths equal columns, and a word processor then
-- breaks what does not fit: LibreOffice split every 20-digit OIN over two lines and
-- "Koninkrijksrelaties" mid-word. Suppliers copy OINs, so a column must be at least as wide
-- as its longest unbreakable word. This filter estimates, per column, that minimum and the
-- width of its longest cell on one line, and shares the text width out the way a browser
-- lays out an automatic table (CSS 2.1, 17.5.2.2): every column gets its minimum, the room
-- left goes to the columns whose text would otherwise wrap, in proportion to how much.
--
-- The estimate is in ems of the table text, with advance widths rounded up from DejaVu Sans
-- (LibreOffice's fallback for Word's fonts, and wider than Aptos or Calibri), so a column
-- fits in every font the document may meet. Only arithmetic on the text: the same table
-- always gets the same widths, so the DOCX stays byte-reproducible.
--
-- Cells also get the "Table Text" paragraph style of the reference document (smaller than
-- the body, as in the PDF), which is what the ems below are measured in. A table whose
-- template gives its own widths (<col style="width: …">) keeps them.

-- The text width of the reference document's page and the size of its table text, in
-- points: docx.py reads both from the reference document and passes them as metadata
-- (dropped again by pandoc_meta.lua, which runs after this filter). The defaults are those
-- of the shipped one: A4 less 2 × 20 mm, and its 10 pt "Table Text" style.
local page = { text_width_pt = 481.9, table_text_pt = 10 }
-- pandoc indents a table in a list by half an inch per list level, and the word processor
-- then pushes it that far past the right margin unless its width leaves room for that.
local LIST_INDENT_PT = 36
-- The left and right cell margins of the reference document's table style (2 × 108 twips),
-- and some slack on top, since a word processor lays out in whole units and the widths are
-- rounded down.
local CELL_PADDING_PT = 10.8
local SLACK_EM = 0.5
local TABLE_TEXT_STYLE = "Table Text"

local NARROW = "[fijlrtI.,:;'!|()%-]"
local WIDE = "[mwMW@]"

--- The width of a character in ems (rounded up from DejaVu Sans).
local function char_em(char)
  if char:match("%d") then
    return 0.66
  elseif char:match("%s") then
    return 0.32
  elseif char:match(NARROW) then
    return 0.40
  elseif char:match(WIDE) then
    return 1.0
  elseif char:match("%u") then
    return 0.76
  end
  return 0.62 -- lower case, and any letter outside ASCII
end

--- The width of a piece of text on one line, in ems.
local function text_em(text)
  local width = 0
  for _, code in utf8.codes(text) do
    width = width + char_em(utf8.char(code))
  end
  return width
end

--- The narrowest a cell can be (its longest word) and its width on one line, in ems.
local function cell_extent(cell)
  local text = pandoc.utils.stringify(cell.contents)
  local longest = 0
  for word in text:gmatch("%S+") do
    longest = math.max(longest, text_em(word))
  end
  return longest, text_em(text)
end

--- Every row of the table: head, each body's head and body, foot.
local function rows_of(tbl)
  local rows = {}
  local function add(list)
    for _, row in ipairs(list) do
      rows[#rows + 1] = row
    end
  end
  add(tbl.head.rows)
  for _, body in ipairs(tbl.bodies) do
    add(body.head)
    add(body.body)
  end
  add(tbl.foot.rows)
  return rows
end

--- Widths, as fractions of the text width, that fit ``tbl``'s columns into ``room_pt``.
local function fitted_widths(tbl, room_pt)
  local count = #tbl.colspecs
  local least, most = {}, {}
  for column = 1, count do
    least[column], most[column] = 0, 0
  end
  for _, row in ipairs(rows_of(tbl)) do
    local column = 1
    for _, cell in ipairs(row.cells) do
      -- A cell spanning columns does not size any one of them.
      if cell.col_span == 1 and column <= count then
        local narrowest, widest = cell_extent(cell)
        least[column] = math.max(least[column], narrowest)
        most[column] = math.max(most[column], widest)
      end
      column = column + cell.col_span
    end
  end

  local padding = CELL_PADDING_PT / page.table_text_pt + SLACK_EM
  local room = room_pt / page.table_text_pt
  local least_sum, most_sum = 0, 0
  for column = 1, count do
    least[column] = least[column] + padding
    most[column] = math.max(most[column], 1) + padding
    least_sum, most_sum = least_sum + least[column], most_sum + most[column]
  end

  local share = room_pt / page.text_width_pt
  local widths = {}
  for column = 1, count do
    if most_sum <= room then
      -- Everything fits on one line: share out in proportion to the text.
      widths[column] = most[column] / most_sum
    elseif least_sum >= room then
      -- Not even the longest words fit: the best left is in proportion to them.
      widths[column] = least[column] / least_sum
    else
      local extra = (room - least_sum) * (most[column] - least[column]) / (most_sum - least_sum)
      widths[column] = (least[column] + extra) / room
    end
    widths[column] = widths[column] * share
  end
  return widths
end

--- Wrap a cell's blocks so that their paragraphs take the table text style. pandoc gives
--- a cell's plain text its "Compact" style whatever the Div says, so plain becomes a
--- paragraph (the style keeps Compact's spacing).
local function styled(cell)
  local blocks = cell.contents:walk({
    Plain = function(plain)
      return pandoc.Para(plain.content)
    end,
  })
  cell.contents = { pandoc.Div(blocks, { ["custom-style"] = TABLE_TEXT_STYLE }) }
  return cell
end

--- Fit one table that sits ``depth`` lists deep, unless its template gave widths.
local function fit(tbl, depth)
  local defaults = true
  for _, spec in ipairs(tbl.colspecs) do
    local width = spec[2]
    if width ~= nil and width ~= 0 then
      defaults = false
    end
  end
  if defaults then
    local room_pt = math.max(page.text_width_pt - LIST_INDENT_PT * depth, page.text_width_pt / 4)
    local widths = fitted_widths(tbl, room_pt)
    for column, spec in ipairs(tbl.colspecs) do
      -- Rounded down to 1/1000: the same widths from every Lua, and never past the margin.
      tbl.colspecs[column] = { spec[1], math.floor(widths[column] * 1000) / 1000 }
    end
  end
  for _, row in ipairs(rows_of(tbl)) do
    for _, cell in ipairs(row.cells) do
      styled(cell)
    end
  end
  return tbl
end

--- Walk ``blocks`` ``depth`` lists deep, fitting every table met.
local function visit(blocks, depth)
  for index, block in ipairs(blocks) do
    if block.t == "Table" then
      blocks[index] = fit(block, depth)
    elseif block.t == "BulletList" or block.t == "OrderedList" then
      for _, item in ipairs(block.content) do
        visit(item, depth + 1)
      end
    elseif block.t == "Div" or block.t == "BlockQuote" or block.t == "Figure" then
      visit(block.content, depth)
    end
  end
  return blocks
end

--- A positive number from the document's metadata, or nil.
local function meta_number(meta, key)
  local value = meta[key] and tonumber(pandoc.utils.stringify(meta[key]))
  if value and value > 0 then
    return value
  end
  return nil
end

function Pandoc(doc)
  page.text_width_pt = meta_number(doc.meta, "tenderpack-text-width-pt") or page.text_width_pt
  page.table_text_pt = meta_number(doc.meta, "tenderpack-table-text-pt") or page.table_text_pt
  doc.blocks = visit(doc.blocks, 0)
  return doc
end
