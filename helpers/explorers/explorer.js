// explorer.js: the front end of every explorer in the course.
//
// Python (helpers/explorers/) computed every number an explorer shows, at every
// position its controls can reach, and drew the still parts of its figure once, as
// a picture. This module draws the moving parts over that picture, in the animation
// frame of each move: it looks up the numbers for the current position in the
// tables, draws the explorer's layers (a tangent line, a point, an arrow, a slice of
// a surface, a path) in the style matplotlib gave them, and writes the readout.
// It tells the kernel where it is, so that `explorer.x` in Python follows, and draws
// what the kernel answers for what no table holds (a new descent path).
//
// anywidget calls render({ model, el }) for each view of the widget; the function it
// returns removes everything render added.

const GAP = "\u00a0\u00a0 "; // between readout items, as Python's readout_text() writes
const ANNOUNCE_EVERY_MS = 400; // screen readers hear the readout at most 2.5 times a second
const KERNEL_PATIENCE_MS = 1500; // after this, a missing answer means "no kernel here"
const FADED = 0.35; // opacity of the last answer while the kernel computes a new one
const PHONE_WIDTH = 600; // CSS px of room: below it, the narrow figure (panels stacked)
// While a drag or a held key goes on, the kernel hears a position only if the page is
// waiting for its numbers there, and then at most 5 positions a second (each message
// costs the page work: in JupyterLab a quarter of a slowed phone's frames, and drawing
// comes first); at the end of a move (a release, a key let go, a click) it hears the
// last one at once.
const TELL_KERNEL_EVERY_MS = 200;

// --- 0. What Python sends: the widget's traits, spec by spec -------------------------
//
// Each spec is what a Python class's spec() writes (the class is named on each); the
// bytes of a number column or a lattice arrive as a DataView. A change of shape there
// must be made here too.

/**
 * A number, a column's name, or `tables.shifted(column, control=steps)`: that column
 * read a few positions on. What a layer or a mark reads its numbers from.
 * @typedef {number | string | {column: string, shift: Object<string, number>}} ColumnRef
 */

/**
 * `{control name: index}`: where an item applies (Python's `shown_when`, a table's `at`).
 * @typedef {Object<string, number>} Positions
 */

/**
 * controls.Slider.spec(): a value on a lattice.
 * @typedef {object} SliderSpec
 * @property {"slider"} kind
 * @property {string} name
 * @property {string} label
 * @property {DataView} values the lattice, float64 little-endian
 * @property {string} format how its values are written (".2f")
 * @property {number} page the steps of one Page Up/Down
 * @property {Positions} shown_when
 * @property {{label: string, at: ColumnRef}[]} marks ticks on the track
 */

/**
 * controls.Choice.spec(): one of a few options, from a drop-down list.
 * @typedef {object} ChoiceSpec
 * @property {"choice"} kind
 * @property {string} name
 * @property {string} label
 * @property {string[]} options
 */

/**
 * controls.Counter.spec(): a whole number 0 … most that only buttons change.
 * @typedef {object} CounterSpec
 * @property {"counter"} kind
 * @property {string} name
 * @property {DataView} values 0, 1, …, most as float64
 */

/**
 * controls.Button.spec(): adds `add` to a counter, or sets it to `set_to`.
 * @typedef {object} ButtonSpec
 * @property {"button"} kind
 * @property {string} label
 * @property {string} counter the counter's name
 * @property {number} add
 * @property {number | null} set_to
 * @property {string} tooltip
 */

/**
 * controls.Sketch.spec(): a `side` × `side` image the learner paints with the pointer
 * (and clears with a button). Its index counts the drawings (0: `start`, then 1 …
 * most, 1 … again); its pixels, 0–1 row by row, travel in the position as
 * `position[name + "_pixels"]` (absent: `start`). The kernel computes what they give.
 * @typedef {object} SketchSpec
 * @property {"sketch"} kind
 * @property {string} name
 * @property {string} label
 * @property {DataView} values 0, 1, …, most as float64
 * @property {number} side
 * @property {number[]} start the pixels of drawing 0
 */

/** @typedef {SliderSpec | ChoiceSpec | CounterSpec | ButtonSpec | SketchSpec} ControlSpec */

/**
 * A control as the view holds it (decodeControl): its lattice as numbers, a slider's
 * labels in its format, and `view`, the page elements the view updates.
 * @typedef {ControlSpec & {values?: number[], labels?: string[] | null, view: object | null}} Control
 */

/**
 * One column of tables.Table.spec(): text (tables._packed_text) or numbers
 * (tables._packed_numbers) with numpy's shape (`[]`: one number).
 * @typedef {{text: string | string[]}
 *   | {texts: string[], codes: DataView}
 *   | {float64?: DataView, float32?: DataView, uint16?: DataView, uint8?: DataView, shape: number[]}} ColumnSpec
 */

/**
 * tables.Table.spec(): columns with one entry per position of the `over` controls,
 * row-major, where the `at` positions hold. Each of the kernel's answers (the `answers`
 * trait, Explorer._on_position) also carries the `seq` of the position it answers.
 * @typedef {object} TableSpec
 * @property {string[]} over
 * @property {number[]} shape entries along each `over` control (its lattice, and `beyond`)
 * @property {Positions} at
 * @property {Object<string, ColumnSpec>} columns
 * @property {number} [seq]
 */

/**
 * figure.panel(): where one axes sits in the figure (CSS pixels of the picture, from
 * the top left) and the data its edges show.
 * @typedef {object} Panel
 * @property {[number, number, number, number]} box left, top, width, height
 * @property {[number, number]} x
 * @property {[number, number]} y
 * @property {boolean} x_log
 * @property {boolean} y_log
 */

/**
 * One picture of the still parts (Explorer._background): PNG bytes and its panels.
 * @typedef {{png: DataView, panels: Panel[]}} Background
 */

/**
 * layers.artist_style(): the matplotlib artist's look in CSS pixels. A Line2D has
 * width, dashes, marker, size, face, edge, edge_width; a Text has size, align,
 * weight; a patch (an arrow) has edge and width. `clip` false: drawn past the panel.
 * @typedef {object} Style
 * @property {string} color
 * @property {number} alpha
 * @property {number} [width]
 * @property {number[]} [dashes]
 * @property {string | null} [marker] matplotlib's marker letter
 * @property {number} [size]
 * @property {string | null} [face] null: a hollow marker
 * @property {string} [edge]
 * @property {number} [edge_width]
 * @property {boolean} [clip]
 * @property {string} [align]
 * @property {string} [weight]
 */

/**
 * layers.Layer.spec(): one moving part. `draw` names its drawing step in drawingSteps
 * and its Layer subclass; the rest are that subclass's refs() (each a ColumnRef unless
 * said):
 *   point (Point): at [x, y]
 *   tangent (Tangent): at [x, y], slope, half (a number; null: across the panel)
 *   segment (Segment): center [x, y], half [dx, dy]
 *   across (Across): center [x, y], normal [a, b], half (a number)
 *   guide (Guide): at, vertical (boolean)
 *   arrow (Arrow): start [x, y], vector [u, v], scale, head, shaft (numbers)
 *   slice (Slice): along (a control), value, x (null: the control's values), upto (boolean)
 *   path (Path): x, y (whole-array columns)
 *   text (Text): at [x, y] (data numbers), value, prefix, format (strings)
 *   sinusoid (Sinusoid): along (a control), a, b, cos, sin
 *   peak (Peak): a, b, lowest (boolean)
 *   images (Images): see ImagesLayer
 *   bars (Bars): see BarsLayer
 * @typedef {object} Layer
 * @property {string} draw
 * @property {number} panel the index of its axes in the figure
 * @property {Style} style
 * @property {Positions} shown_when
 * @property {boolean} fade_while_pending draw the last answer faded while a new one comes
 * @property {object} [narrow] its refs in the narrow figure, where they differ from these
 *   (a graph drawn top to bottom on a phone writes its numbers at other places)
 */

/**
 * layers.Images.refs(): `count` square images of `side` × `side` pixels, `columns` to a
 * row, `gap` pixels apart, in the data coordinates of matplotlib's imshow (pixel (row r,
 * column c) centred at (c, r)). Pixel (i, j) of tile t is entry t·side² + i·side + j of
 * the whole-array column `values`, a colour code 0–255 that `colors` names.
 * @typedef {Layer & {values: string, count: number, columns: number, side: number,
 *   gap: number, colors: string[]}} ImagesLayer
 */

/**
 * layers.Bars.refs(): a bar chart of `count` entries of the whole-array column `values`:
 * bar k centred at x = k, from 0 up to entry `start` + k, `width` wide, in the style's
 * colour; the tallest in `highlight`.
 * @typedef {Layer & {values: string, start: number, count: number, width: number,
 *   highlight: string}} BarsLayer
 */

/**
 * widget._drag_spec(widget.Drag): a press on panel `panel` moves control `x` with the
 * pointer's x (and `y` with its y), to the lattice position whose value, or column
 * `x_at`/`y_at`, is nearest; or picks the option of `pick` whose point (columns
 * `pick_at`) is nearest. `sets` puts other controls at a position too.
 * @typedef {object} Drag
 * @property {number} panel
 * @property {string | null} x
 * @property {string | null} y
 * @property {string | null} x_at
 * @property {string | null} y_at
 * @property {Positions} sets
 * @property {Positions} shown_when
 * @property {string | null} pick
 * @property {[string, string] | null} pick_at
 * @property {object} [narrow] its columns in the narrow figure, where they differ
 */

/**
 * widget.Number.spec(): `label = value`, the value of a column or of a control.
 * @typedef {object} NumberItem
 * @property {"number"} kind
 * @property {string} label
 * @property {string | null} column
 * @property {string | null} control
 * @property {string} format
 * @property {string | null} large the format once |value| ≥ 1e6
 * @property {string | null} small the format once 0 < |value| < 0.1 (two decimals would
 *   hide it, and a rule like slope = 2x would seem broken in the readout)
 * @property {boolean} strong
 * @property {Positions} shown_when
 */

/**
 * widget.Words.spec(): text from a column, `label: text` or the text alone.
 * @typedef {object} WordsItem
 * @property {"words"} kind
 * @property {string} column
 * @property {string | null} label
 * @property {boolean} strong
 * @property {Positions} shown_when
 */

/** @typedef {NumberItem | WordsItem} ReadoutItem */

/**
 * The model's traits (widget.Explorer) that this module reads.
 * @typedef {object} Traits
 * @property {[number, number]} size the figure's width and height, CSS pixels
 * @property {Background[]} backgrounds
 * @property {[number, number] | []} narrow_size the figure drawn for a phone ([]: none)
 * @property {Background[]} narrow_backgrounds its backgrounds, as `backgrounds`
 * @property {boolean} narrow_wanted a view asks the kernel to draw the narrow figure
 * @property {string} background_by the choice that picks a background ("": one only)
 * @property {ControlSpec[]} controls
 * @property {TableSpec[]} tables
 * @property {TableSpec[]} answers the kernel's latest answers
 * @property {Layer[]} layers
 * @property {ReadoutItem[]} readout_items
 * @property {Drag[]} drags
 * @property {Positions & {seq: number, moving?: boolean}} position
 * @property {string} description what the figure shows, in words
 * @property {{kind?: string}} recipe how the page computes what no table holds ({}: none)
 */

// --- 1. Numbers, written exactly as Python writes them (formatting.py) ------------------

// format(value, ".2f") or ".2e" as Python does it: the double's exact binary value,
// halves rounded to the even digit; never "-0.00"; "…" for a number not computed yet.
// `large` once |value| ≥ 1e6, `small` once 0 < |value| < 0.1 (formatting.py's LARGE, SMALL).
export function formatNumber(value, format = ".2f", large = null, small = null) {
  if (value === null || value === undefined) return "…";
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  if (large && Math.abs(value) >= 1e6) format = large;
  if (small && value !== 0 && Math.abs(value) < 0.1) format = small;
  const decimals = Number(format.slice(1, -1));
  const text = format.endsWith("e") ? exponential(value, decimals) : fixed(value, decimals);
  return text.replace(/^-(?=0\.?0*(e[+-]0+)?$)/, "");
}

// |value| = digits · 10^-scale exactly: a double is mantissa · 2^exponent, and
// 2^-k = 5^k / 10^k.
function exactDecimal(value) {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(value));
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const exponent = (biased === 0 ? 1 : biased) - 1075;
  if (exponent >= 0) return { digits: mantissa << BigInt(exponent), scale: 0 };
  return { digits: mantissa * 5n ** BigInt(-exponent), scale: -exponent };
}

// digits · 10^-scale rounded to `keep` decimals, as an integer n meaning n · 10^-keep.
function roundHalfEven(digits, scale, keep) {
  if (keep >= scale) return digits * 10n ** BigInt(keep - scale);
  const divisor = 10n ** BigInt(scale - keep);
  const whole = digits / divisor;
  const twiceRest = 2n * (digits % divisor);
  const up = twiceRest > divisor || (twiceRest === divisor && whole % 2n === 1n);
  return up ? whole + 1n : whole;
}

function sign(value) {
  return value < 0 || Object.is(value, -0) ? "-" : "";
}

function fixed(value, decimals) {
  const { digits, scale } = exactDecimal(value);
  const n = roundHalfEven(digits, scale, decimals)
    .toString()
    .padStart(decimals + 1, "0");
  const point = n.length - decimals;
  return sign(value) + n.slice(0, point) + (decimals ? `.${n.slice(point)}` : "");
}

function exponential(value, decimals) {
  const { digits, scale } = exactDecimal(value);
  let power = digits === 0n ? 0 : digits.toString().length - 1 - scale;
  let n = roundHalfEven(digits, scale, decimals - power).toString();
  if (n.length > decimals + 1) {
    power += 1; // 9.999 rounded up to 10.00: one more power of ten
    n = n.slice(0, decimals + 1);
  }
  n = n.padStart(decimals + 1, "0");
  const mantissa = n[0] + (decimals ? `.${n.slice(1)}` : "");
  const exponent = String(Math.abs(power)).padStart(2, "0");
  return `${sign(value)}${mantissa}e${power < 0 ? "-" : "+"}${exponent}`;
}

// --- 2. Tables: where every number comes from (tables.py) ------------------------------

class Pending extends Error {} // a number no table holds here: the kernel is computing it

// Text stays text (or arrives as its distinct texts and one byte per entry naming
// which); numbers arrive as float64 bytes, or uint8/uint16 for small whole numbers, or
// float32 for a column that is only drawn
// (tables.py, _packed_*); one number where the shape is [].
/** @param {TableSpec} spec */
function decodeTable(spec) {
  const columns = {};
  for (const [name, column] of Object.entries(spec.columns)) {
    if ("text" in column) columns[name] = column.text;
    else if ("codes" in column) columns[name] = Array.from(numbers(column), (i) => column.texts[i]);
    else if (column.shape && column.shape.length === 0) columns[name] = numbers(column)[0];
    else columns[name] = numbers(column);
  }
  return { ...spec, columns };
}

const NUMBER_KINDS = {
  float64: Float64Array,
  float32: Float32Array,
  uint16: Uint16Array,
  uint8: Uint8Array,
  codes: Uint8Array,
};

function numbers(column) {
  const kind = Object.keys(NUMBER_KINDS).find((k) => k in column);
  // Bytes arrive as a DataView; a typed array needs its start on a multiple of its size.
  const view = column[kind];
  const bytes = view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength);
  return new NUMBER_KINDS[kind](bytes);
}

// The same rules as tables.py: the first table that has the column and applies here.
class Tables {
  // `recipe` (the `recipe` trait; {} for none) names how the page computes, from the
  // stored tables and the controls' `lattices`, what neither holds here (section 2b).
  constructor(sizes, { recipe = {}, lattices = {} } = {}) {
    this.sizes = sizes;
    this.fixed = [];
    this.answers = [];
    this.recipe = recipe.kind ? recipe : null;
    this.lattices = lattices;
    this.computed = new Map(); // position key -> tables the recipe computed there
    this.memo = new Map(); // what a recipe keeps between positions (one run per setting)
  }

  // Its `at` positions match, and the position lies inside every control's lattice
  // (or, for a control the table runs over, inside the table's shape).
  // (Plain loops: a path of 100 steps asks this for each step, each frame.)
  applies(table, position) {
    for (const control in table.at) if (position[control] !== table.at[control]) return false;
    for (const control in this.sizes) {
      const along = table.over.indexOf(control);
      const size = along < 0 ? this.sizes[control] : table.shape[along];
      if (!(position[control] >= 0 && position[control] < size)) return false;
    }
    return true;
  }

  // The kernel's answers first (Python is the reference), then the stored tables, then
  // what the recipe computes here.
  find(name, position, { stale = false } = {}) {
    const stored = this.findStored(name, position, { stale });
    if (stored !== null || this.recipe === null) return stored;
    return (
      this.ownAnswers(position).find((t) => name in t.columns && this.applies(t, position)) ?? null
    );
  }

  findStored(name, position, { stale = false } = {}) {
    for (const tables of [this.answers, this.fixed]) {
      for (const table of tables) {
        if (!(name in table.columns)) continue;
        if (this.applies(table, position) || (stale && tables === this.answers)) return table;
      }
    }
    return null;
  }

  // The recipe's tables at this position, computed once and kept for the last few
  // positions (a drag back and forth reads them again).
  ownAnswers(position) {
    const key = Object.keys(this.sizes)
      .map((c) => position[c])
      .join(",");
    if (!this.computed.has(key)) {
      if (this.computed.size >= KEPT_COMPUTED)
        this.computed.delete(this.computed.keys().next().value);
      if (this.memo.size > KEPT_MEMO) this.memo.clear();
      this.computed.set(key, recipeTables(this.recipe, this, position));
    }
    return this.computed.get(key);
  }

  row(table, position) {
    return table.over.reduce((index, name, i) => index * table.shape[i] + position[name], 0);
  }

  // `name` is a column's name, or {column, shift}: that column a few positions on.
  value(name, position, options) {
    if (typeof name === "object") {
      position = { ...position };
      for (const [control, steps] of Object.entries(name.shift)) position[control] += steps;
      name = name.column;
    }
    const table = this.find(name, position, options);
    if (table === null) throw new Pending(name);
    const column = table.columns[name];
    if (table.over.length === 0) return column;
    return column[this.row(table, position)];
  }

  // The first `upto` positions of `control` (all of them by default), the others held.
  along(name, control, position, options, upto = this.sizes[control]) {
    return Array.from({ length: upto }, (_, index) =>
      this.value(name, { ...position, [control]: index }, options),
    );
  }
}

// What the drawing steps read at one position: a column's entry (a number ref is itself).
function reader(tables, position, controls, options = {}) {
  const get = (ref) => (typeof ref === "number" ? ref : tables.value(ref, position, options));
  get.along = (ref, control, upto) => tables.along(ref, control, position, options, upto);
  get.lattice = (control) => controls[control].values;
  get.position = position;
  return get;
}

// --- 2b. Recipes: what the page computes itself, from the numbers Python sent -----------
//
// Some explorers reach more states than any table could hold: a descent path from every
// start at every rate, momentum at every β and noise. For those Python sends a recipe
// (the `recipe` trait: its kind and parameters, e.g. a quadratic's coefficients, or the
// noise drawn from the seed), and the page runs the same few closed-form steps as the
// Python named on each recipe, in the same order of operations, so its numbers are
// Python's to the last bit or nearly (tests/test_explorer_recipes.py compares them).
// The kernel's answers, where a kernel runs, still come first: Python is the reference.

const KEPT_COMPUTED = 8; // positions whose computed tables are kept (a drag back and forth)
const KEPT_MEMO = 4000; // runs a recipe keeps between positions before starting afresh

/** @typedef {{over: string[], shape: number[], at: Positions, columns: Object<string, any>}} Computed */

// recipe.kind -> (recipe, tables, position) -> the tables that hold its numbers here.
const RECIPES = {
  // gradient_field.GradientExplorer._slopes_along_u: ∇f·u = ∂f/∂x·cos θ + ∂f/∂y·sin θ,
  // at every angle for this point, and at every point for this angle.
  slope_along_u(_recipe, tables, position) {
    const { dfdx, dfdy } = tables.findStored("dfdx", position).columns;
    const { cos, sin } = tables.findStored("cos", position).columns;
    const { x, y, angle } = position;
    const here = y * tables.sizes.x + x;
    const alongU = Array.from(cos, (c, i) => dfdx[here] * c + dfdy[here] * sin[i]);
    const everywhere = Array.from(dfdx, (d, i) => d * cos[angle] + dfdy[i] * sin[angle]);
    return [
      { over: ["angle"], shape: [tables.sizes.angle], at: { x, y }, columns: { slope_u: alongU } },
      {
        over: ["y", "x"],
        shape: [tables.sizes.y, tables.sizes.x],
        at: { angle },
        columns: { slope_u: everywhere },
      },
    ];
  },

  // descent_paths.DescentPathExplorer._run_table: helpers.gradient_descent on
  // f = a·x² + b·y², whose gradient is (2a·x, 2b·y).
  quadratic_descent(recipe, tables, position) {
    const k = position[recipe.choice];
    const rateControl = recipe.rate_controls[k];
    const [a, b] = recipe.coefficients[k];
    const start = [
      tables.lattices.start_x[position.start_x],
      tables.lattices.start_y[position.start_y],
    ];
    const run = descend(
      (w) => a * (w[0] * w[0]) + b * (w[1] * w[1]),
      (w) => [2 * a * w[0], 2 * b * w[1]],
      start,
      {
        rate: tables.lattices[rateControl][position[rateControl]],
        steps: recipe.steps,
        tolerance: recipe.tolerance,
        limit: recipe.limit,
      },
    );
    const last = run.points.at(-1);
    return [
      {
        over: [],
        shape: [],
        at: {
          [recipe.choice]: k,
          [rateControl]: position[rateControl],
          start_x: position.start_x,
          start_y: position.start_y,
        },
        columns: {
          path_x: run.points.map((p) => p[0]),
          path_y: run.points.map((p) => p[1]),
          steps: run.converged ? run.points.length - 2 : run.points.length - 1,
          final_f: run.values.at(-1),
          final_x: last[0],
          final_y: last[1],
          status: runStatus(run),
        },
      },
    ];
  },

  // momentum_ravine.MomentumExplorer: helpers.momentum.ravine_descent at every setting
  // the three tables need (every rate here, and along each slider), the noise ξ drawn
  // in Python from the seed (`draws`, two per step) and added as noisy_slope adds it.
  momentum_on_ravine(recipe, tables, position) {
    const [c1, c2] = recipe.curvatures;
    const { lattices } = tables;
    const run = (rate, beta, noise) => {
      const key = `momentum ${rate} ${beta} ${noise}`;
      if (!tables.memo.has(key)) {
        const exact = (w) => [c1 * w[0], c2 * w[1]];
        const noisy = (w, k) => {
          const g = exact(w);
          return [g[0] + noise * recipe.draws[2 * k], g[1] + noise * recipe.draws[2 * k + 1]];
        };
        const f = (w) => 0.5 * (c1 * (w[0] * w[0]) + c2 * (w[1] * w[1]));
        const options = {
          rate,
          steps: recipe.steps,
          tolerance: 0,
          momentum: beta,
          limit: recipe.limit,
        };
        tables.memo.set(key, descend(f, noise === 0 ? exact : noisy, recipe.start, options));
      }
      return tables.memo.get(key);
    };
    const settings = ["learning_rate", "momentum", "noise"];
    const runAt = (at) => run(...settings.map((name) => lattices[name][at[name]]));
    const count = recipe.steps + 1;
    const padded = (values) =>
      Array.from({ length: count }, (_, i) => (i < values.length ? values[i] : NaN));
    const held = { momentum: position.momentum, noise: position.noise };
    const runs = lattices.learning_rate.map((_, rate) => runAt({ ...held, learning_rate: rate }));
    const paths = {
      over: ["learning_rate", "step"],
      shape: [runs.length, count],
      at: held,
      columns: {
        path_x: runs.flatMap((r) => padded(r.points.map((p) => drawn(p[0])))),
        path_y: runs.flatMap((r) => padded(r.points.map((p) => drawn(p[1])))),
        losses: runs.flatMap((r) => padded(r.values.map(drawn))),
      },
    };
    const summaries = settings.map((moving) => {
      const others = Object.fromEntries(
        settings.filter((s) => s !== moving).map((s) => [s, position[s]]),
      );
      const along = lattices[moving].map((_, i) => ({ ...others, [moving]: i }));
      const results = along.map(runAt);
      const status = (r, at) => {
        const values = r.values;
        if (r.diverged || values.at(-1) > values[0]) return "diverged";
        if (values.at(-1) < 1e-6) return "converged";
        return lattices.noise[at.noise] > 0 ? "held up by the noise" : "still crawling";
      };
      return {
        over: [moving],
        shape: [along.length],
        at: others,
        columns: {
          final_loss: results.map((r) => r.values.at(-1)),
          status: results.map((r, i) => status(r, along[i])),
          final_x: results.map((r) => drawn(r.points.at(-1)[0])),
          final_y: results.map((r) => drawn(r.points.at(-1)[1])),
        },
      };
    });
    return [paths, ...summaries];
  },

  // descent_steps.DescentStepExplorer: runs_from (every rate's run from this start) and
  // first_steps (one step at this rate from every start), on a polynomial f.
  descent_on_polynomial(recipe, tables, position) {
    const f = (x) => polyval(x, recipe.coefficients);
    const slope = (x) => centralDifference(f, x, recipe);
    const { lattices } = tables;
    const start = lattices.start[position.start];
    const count = recipe.max_steps + 2;
    const runs = lattices.learning_rate.map((rate) =>
      descendCurve(f, slope, start, rate, count - 1, recipe.limit),
    );
    const [low, high] = recipe.x_range;
    const status = (run, step) => {
      if (run.last < count - 1 && step >= run.last)
        return step === run.last ? recipe.stops_here : recipe.diverged;
      return low <= run.xs[step] && run.xs[step] <= high ? "" : recipe.off_the_plot;
    };
    const steps = Array.from({ length: count }, (_, step) => step);
    const firsts = lattices.start.map((x) =>
      descendCurve(f, slope, x, lattices.learning_rate[position.learning_rate], 1, recipe.limit),
    );
    return [
      {
        over: ["learning_rate", "steps"],
        shape: [runs.length, count],
        at: { start: position.start },
        columns: {
          x: runs.flatMap((run) => run.xs),
          f: runs.flatMap((run) => run.values),
          slope: runs.flatMap((run) => run.xs.map(slope)),
          taken: runs.flatMap((run) =>
            steps.map((s) => (run.last < count - 1 ? Math.min(s, run.last) : s)),
          ),
          status: runs.flatMap((run) => steps.map((s) => status(run, s))),
        },
      },
      {
        over: ["start"],
        shape: [firsts.length],
        at: { learning_rate: position.learning_rate, steps: 1 },
        columns: { x: firsts.map((run) => run.xs[1]), f: firsts.map((run) => run.values[1]) },
      },
    ];
  },

  // loss_slice.LossSliceExplorer._slice_table on helpers.neuron.NeuronLoss: the loss
  // along parameter k (the others held), its slope by helpers.derivative and the advice.
  neuron_loss_slice(recipe, tables, position) {
    const k = position.parameter;
    const sliders = recipe.names.map((_, j) => `param_${j}`);
    const held = Object.fromEntries(
      sliders.filter((_, j) => j !== k).map((name) => [name, position[name]]),
    );
    // One curve per parameter and held values: moving along it reads the same table.
    const key = `slice ${k} ${JSON.stringify(held)}`;
    if (!tables.memo.has(key)) {
      const params = sliders.map((name) => tables.lattices[name][position[name]]);
      const lossAlong = (w) =>
        neuronLoss(
          params.map((value, j) => (j === k ? w : value)),
          recipe,
        );
      const values = tables.lattices[sliders[k]];
      const slopes = values.map((w) => centralDifference(lossAlong, w, recipe));
      tables.memo.set(key, {
        over: [sliders[k]],
        shape: [values.length],
        at: held,
        columns: {
          [`loss_${k}`]: values.map(lossAlong),
          [`slope_${k}`]: slopes,
          [`advice_${k}`]: slopes.map((slope) => sliceAdvice(slope, recipe.names[k], recipe)),
        },
      });
    }
    return [tables.memo.get(key)];
  },

  // backprop_graph.BackpropExplorer._slice: for each slider, its table with the other
  // three held here; each row one forward and backward pass of the neuron's graph
  // (helpers.autograd.Value) and a gradient check of every named node
  // (backprop.node_checks).
  backprop_graph(recipe, tables, position) {
    const { lattices } = tables;
    return recipe.sliders.map((moving) => {
      const held = Object.fromEntries(
        recipe.sliders.filter((s) => s !== moving).map((s) => [s, position[s]]),
      );
      // A slider's table stays while only that slider moves.
      const key = `graph ${moving} ${JSON.stringify(held)}`;
      if (tables.memo.has(key)) return tables.memo.get(key);
      const rows = lattices[moving].map((_, i) => {
        const at = Object.fromEntries(
          recipe.sliders.map((s) => [s, lattices[s][s === moving ? i : position[s]]]),
        );
        return graphNumbers(recipe, at);
      });
      const columns = Object.fromEntries(
        Object.keys(rows[0]).map((name) => [name, rows.map((row) => row[name])]),
      );
      tables.memo.set(key, { over: [moving], shape: [rows.length], at: held, columns });
      return tables.memo.get(key);
    });
  },
};

// Every number of one row of the backprop explorer at the sliders' values `at`: each
// node's value and gradient (value_i, grad_i, in the graph's topological order), and
// for each named node its backprop gradient, numeric slope, relative error and verdict.
function graphNumbers(recipe, at) {
  const { nodes, label } = recipe;
  const data = nodes.map(() => 0);
  nodes.forEach((node, i) => {
    const [a, b] = node.children.map((child) => data[child]);
    data[i] =
      node.op === "" ? (node.slider ? at[node.slider] : node.value) : valueOp(node.op, a, b);
  });
  // Value.backward: every gradient from 0, the output's 1, then each node's _backward in
  // reverse topological order, adding to its children's gradients as Value does.
  const grads = nodes.map(() => 0);
  grads[nodes.length - 1] += 1;
  for (let i = nodes.length - 1; i >= 0; i--) {
    const [a, b] = nodes[i].children;
    const g = grads[i];
    switch (nodes[i].op) {
      case "+":
        grads[a] += g;
        grads[b] += g;
        break;
      case "−":
        grads[a] += g;
        grads[b] -= g;
        break;
      case "×":
        grads[a] += data[b] * g;
        grads[b] += data[a] * g;
        break;
      case "neg":
        grads[a] -= g;
        break;
      case "log":
        grads[a] += g / data[a];
        break;
      case "σ":
        grads[a] += data[i] * valueSigmoid(-data[a]) * g;
        break;
    }
  }
  const numbers = {};
  data.forEach((value, i) => {
    numbers[`value_${i}`] = value;
    numbers[`grad_${i}`] = grads[i];
  });
  // neuron_graph on plain floats: z = w·x + b, p = 0.5·(1 + tanh(z/2)), L = cross entropy.
  const crossEntropy = (p) => (label === 1 ? -Math.log(p) : -Math.log(1 - p));
  const fromZ = (z) => crossEntropy(0.5 * (1 + Math.tanh(z / 2)));
  const leaves = { x1: at.x1, x2: recipe.x2, w1: at.w1, w2: at.w2, b: at.b };
  const lossWith = (name, value) => {
    if (name === "L") return value;
    if (name === "p") return crossEntropy(value);
    if (name === "z") return fromZ(value);
    const v = { ...leaves, [name]: value };
    return fromZ(v.w1 * v.x1 + v.w2 * v.x2 + v.b);
  };
  for (const name of recipe.checked) {
    const value = data[recipe.named[name]];
    const backprop = grads[recipe.named[name]];
    // backprop.nudge_step: ε^(1/3) times the node's scale (for p, the distance to log's edge)
    const scale = name === "p" ? (label === 1 ? value : 1 - value) : Math.max(Math.abs(value), 1);
    const numeric = centralQuotient((v) => lossWith(name, v), value, recipe.relative_step * scale);
    const largest = Math.max(Math.abs(backprop), Math.abs(numeric));
    const error = largest > 0 ? Math.abs(backprop - numeric) / largest : 0;
    numbers[`backprop_${name}`] = backprop;
    numbers[`numeric_${name}`] = numeric;
    numbers[`error_${name}`] = error;
    numbers[`verdict_${name}`] = recipe.thresholds.find(([limit]) => error < limit)?.[1] ?? "wrong";
    numbers[`error_shown_${name}`] =
      error < recipe.round_off_error ? recipe.round_off_shown : formatNumber(error, ".1e");
  }
  return numbers;
}

// helpers.autograd.Value's forward rules (a, b: the children's values).
function valueOp(op, a, b) {
  switch (op) {
    case "+":
      return a + b;
    case "−":
      return a - b;
    case "×":
      return a * b;
    case "neg":
      return -a;
    case "log":
      return Math.log(a);
    case "σ":
      return valueSigmoid(a);
  }
  throw new Error(`the page cannot compute the operation ${op}`);
}

// helpers.autograd.sigmoid: 1/(1 + e^(−x)), written e^x/(1 + e^x) for x < 0.
function valueSigmoid(x) {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

// helpers.neuron._loss: mean(logaddexp(0, z) − y·z) with z = inputs·w + b, the mean a
// pairwise sum as numpy's. numpy's matrix-vector product runs the machine's BLAS kernel
// (often a fused multiply-add), so z, and the loss, may differ from Python's in the last
// bit: the parity test allows that round-off.
function neuronLoss(params, { inputs, labels }) {
  const n = params.length - 1;
  const bias = params[n];
  const terms = labels.map((label, i) => {
    let z = inputs[i * n] * params[0];
    for (let j = 1; j < n; j++) z += inputs[i * n + j] * params[j];
    z += bias;
    return logAddExp0(z) - label * z;
  });
  return pairwiseSum(terms) / terms.length;
}

// numpy's logaddexp(0, z) = log(1 + e^z), never overflowing (npy_logaddexp).
function logAddExp0(z) {
  if (z === 0) return Math.LN2;
  return z < 0 ? Math.log1p(Math.exp(z)) : z + Math.log1p(Math.exp(-z));
}

// numpy's pairwise summation (np.add.reduce of a contiguous float64 array): eight running
// sums per block of up to 128 numbers, blocks split in halves.
function pairwiseSum(values, start = 0, count = values.length) {
  if (count < 8) {
    let sum = 0;
    for (let i = start; i < start + count; i++) sum += values[i];
    return sum;
  }
  if (count <= 128) {
    const r = values.slice(start, start + 8);
    let i = 8;
    for (; i < count - (count % 8); i += 8)
      for (let j = 0; j < 8; j++) r[j] += values[start + i + j];
    let sum = r[0] + r[1] + (r[2] + r[3]) + (r[4] + r[5] + (r[6] + r[7]));
    for (; i < count; i++) sum += values[start + i];
    return sum;
  }
  const half = Math.floor(count / 2) - (Math.floor(count / 2) % 8);
  return pairwiseSum(values, start, half) + pairwiseSum(values, start + half, count - half);
}

// loss_slice.advice: what to do with the parameter to lower the loss, given its slope.
function sliceAdvice(slope, name, { flat }) {
  if (!Number.isFinite(slope)) return "none: the loss is nan or inf here";
  if (Math.abs(slope) < flat) return `keep ${name} (flat)`;
  return slope > 0 ? `decrease ${name}` : `increase ${name}`;
}

/**
 * The tables `recipe` computes at `position` (exported for the parity tests).
 * @param {{kind: string}} recipe
 * @param {Tables} tables
 * @param {Positions} position
 * @returns {Computed[]}
 */
export function recipeTables(recipe, tables, position) {
  return RECIPES[recipe.kind](recipe, tables, position);
}

// helpers.gradient_descent's loop (descent.py), for a point w given as an array:
// v ← β·v + slope(w, k), w ← w − rate·v; stop once a step moves w by at most
// tolerance·(1 + |w|) (converged), or once w or f(w) leaves ±limit (diverged).
function descend(f, slope, start, { rate, steps, tolerance, momentum = 0, limit }) {
  const moderate = (values) => values.every((v) => Number.isFinite(v) && Math.abs(v) < limit);
  const norm = (v) => Math.sqrt(v.reduce((sum, x) => sum + x * x, 0));
  let w = [...start];
  let velocity = w.map(() => 0);
  const points = [w];
  const values = [f(w)];
  let converged = false;
  let diverged = false;
  for (let k = 0; k < steps; k++) {
    const g = slope(w, k);
    velocity = velocity.map((v, i) => momentum * v + g[i]);
    const next = w.map((x, i) => x - rate * velocity[i]);
    const value = moderate(next) ? f(next) : Infinity;
    if (!moderate([value])) {
      diverged = true;
      break;
    }
    points.push(next);
    values.push(value);
    if (norm(next.map((x, i) => x - w[i])) <= tolerance * (1 + norm(w))) {
      converged = true;
      break;
    }
    w = next;
  }
  return { points, values, converged, diverged };
}

// descent_paths._status: converged, diverged, bouncing (f the same as at the start,
// np.isclose's rtol 1e-6, atol 1e-12), diverging (f grew) or still moving.
function runStatus(run) {
  if (run.converged) return "converged";
  if (run.diverged) return "diverged";
  const first = run.values[0];
  const last = run.values.at(-1);
  if (Math.abs(last - first) <= 1e-12 + 1e-6 * Math.abs(first)) return "bouncing";
  return last > first ? "diverging" : "still moving";
}

// descent_steps.descend_together for one run: x ← x − rate·f'(x), each run stopping where
// its next step blows up (|x| or |f| reaches `limit`); `last` is the last step taken.
function descendCurve(f, slope, start, rate, steps, limit) {
  let x = start;
  let value = f(x);
  let last = steps;
  const xs = [x];
  const values = [value];
  for (let step = 1; step <= steps; step++) {
    if (last === steps) {
      const next = x - rate * slope(x);
      const nextValue = Math.abs(next) < limit ? f(next) : Infinity;
      if (Math.abs(nextValue) < limit) {
        x = next;
        value = nextValue;
      } else last = step - 1;
    }
    xs.push(x);
    values.push(value);
  }
  return { xs, values, last };
}

// numpy's polyval (a Polynomial's value), Horner's rule from the highest power down.
function polyval(x, coefficients) {
  let value = coefficients.at(-1) + x * 0;
  for (let i = coefficients.length - 2; i >= 0; i--) value = coefficients[i] + value * x;
  return value;
}

// helpers.derivative (derivatives.central_difference with default_step): the step is
// ε^(1/3)·|x|, and the quotient's run is (x + h) − (x − h) as stored.
function centralDifference(f, x, { relative_step, smallest_scale }) {
  const magnitude = Math.abs(x);
  return centralQuotient(
    f,
    x,
    relative_step * (magnitude > 0 ? Math.max(magnitude, smallest_scale) : 1.0),
  );
}

// derivatives.central_difference with the step h given.
function centralQuotient(f, x, h) {
  const right = x + h;
  const left = x - h;
  return (f(right) - f(left)) / (right - left);
}

// A column that is only drawn travels as float32 (tables.Table's `drawn`), clipped to ±1e30.
function drawn(value) {
  return Number.isNaN(value) ? value : Math.fround(Math.min(Math.max(value, -1e30), 1e30));
}

// --- 3. Drawing steps: what each layer looks like (layers.py) --------------------------

// A data point of a panel in figure pixels (the background picture's own CSS pixels).
/** @param {Panel} panel */
function pixel(panel, x, y) {
  const [left, top, width, height] = panel.box;
  return [
    left + width * fraction(x, panel.x, panel.x_log),
    top + height * (1 - fraction(y, panel.y, panel.y_log)),
  ];
}

function fraction(value, [low, high], log) {
  if (log) return Math.log10(value / low) / Math.log10(high / low);
  return (value - low) / (high - low);
}

function strokePolyline(ctx, points, style) {
  if (style.width > 0) {
    ctx.lineWidth = style.width;
    ctx.strokeStyle = style.color;
    ctx.setLineDash(style.dashes);
    ctx.beginPath();
    let drawing = false;
    for (const [x, y] of points) {
      if (!Number.isFinite(x) || !Number.isFinite(y)) {
        drawing = false; // a gap: nan where the function is not defined
      } else if (drawing) {
        ctx.lineTo(x, y);
      } else {
        ctx.moveTo(x, y);
        drawing = true;
      }
    }
    ctx.stroke();
    ctx.setLineDash([]);
  }
  if (style.marker) stampMarkers(ctx, points, style);
}

// A line's markers, as matplotlib's Agg draws them: the marker is drawn once, into a
// small canvas at the figure's pixel scale (its stamp), and copied to each point,
// rounded to the nearest device pixel. Drawing each marker as its own filled and stroked
// circle took a sixth of each frame of descent_path's drag on a slowed phone.
function stampMarkers(ctx, points, style) {
  const { a: scale, d: scaleY, e: left, f: top } = ctx.getTransform();
  const stamp = markerStamp(style, scale);
  const half = stamp.width / 2;
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0); // device pixels; the panel's clip stays as it was
  for (const [x, y] of points) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue; // nan: nothing to mark
    const [px, py] = [Math.round(left + scale * x), Math.round(top + scaleY * y)];
    ctx.drawImage(stamp, px - half, py - half);
  }
  ctx.restore();
}

const markerStamps = new WeakMap(); // a line's style -> {scale, stamp}: its latest stamp

function markerStamp(style, scale) {
  const kept = markerStamps.get(style);
  if (kept?.scale === scale) return kept.stamp;
  const { size, edge_width: edgeWidth } = style;
  const side = 2 * Math.ceil((size / 2 + edgeWidth + 1) * scale); // even: a pixel's corner in the middle
  const stamp = document.createElement("canvas");
  [stamp.width, stamp.height] = [side, side];
  const context = stamp.getContext("2d");
  context.setTransform(scale, 0, 0, scale, side / 2, side / 2);
  drawMarker(context, [0, 0], style);
  markerStamps.set(style, { scale, stamp });
  return stamp;
}

// matplotlib's markers: o circle, s square, D diamond, ^ v triangles, * star, + plus.
function drawMarker(ctx, [x, y], style) {
  if (!Number.isFinite(x) || !Number.isFinite(y)) return; // nan: nothing to mark here
  const r = style.size / 2;
  const shapes = {
    o: () => ctx.arc(x, y, r, 0, 2 * Math.PI),
    s: () => ctx.rect(x - r, y - r, 2 * r, 2 * r),
    D: () =>
      polygon(ctx, [
        [x, y - r],
        [x + r, y],
        [x, y + r],
        [x - r, y],
      ]),
    "^": () =>
      polygon(ctx, [
        [x, y - r],
        [x + r, y + r],
        [x - r, y + r],
      ]),
    v: () =>
      polygon(ctx, [
        [x, y + r],
        [x + r, y - r],
        [x - r, y - r],
      ]),
    "*": () => polygon(ctx, star(x, y, r)),
    "+": () => {
      ctx.moveTo(x - r, y);
      ctx.lineTo(x + r, y);
      ctx.moveTo(x, y - r);
      ctx.lineTo(x, y + r);
    },
  };
  ctx.beginPath();
  (shapes[style.marker] || shapes.o)();
  ctx.lineWidth = style.edge_width;
  ctx.strokeStyle = style.edge;
  if (style.marker !== "+" && style.face !== null) {
    ctx.fillStyle = style.face;
    ctx.fill();
  }
  if (style.edge_width > 0) ctx.stroke();
}

function polygon(ctx, corners) {
  corners.forEach(([x, y], i) => {
    if (i === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  });
  ctx.closePath();
}

function star(x, y, r) {
  return Array.from({ length: 10 }, (_, i) => {
    const angle = (i * Math.PI) / 5 - Math.PI / 2;
    const radius = i % 2 === 0 ? r : r * 0.4;
    return [x + radius * Math.cos(angle), y + radius * Math.sin(angle)];
  });
}

// Each drawing step: (ctx, panel, layer, get) → draws; `get` reads the tables.
export const drawingSteps = {
  point(ctx, panel, layer, get) {
    const [x, y] = layer.at.map(get);
    drawMarker(ctx, pixel(panel, x, y), layer.style);
  },

  // The line through (x, y) with slope s: y + s·(t − x), across the panel or ±half.
  tangent(ctx, panel, layer, get) {
    const [x, y] = layer.at.map(get);
    const slope = get(layer.slope);
    const ends = layer.half === null ? panel.x : [x - layer.half, x + layer.half];
    strokePolyline(
      ctx,
      ends.map((t) => pixel(panel, t, y + slope * (t - x))),
      layer.style,
    );
  },

  segment(ctx, panel, layer, get) {
    const [x, y] = layer.center.map(get);
    const [dx, dy] = layer.half.map(get);
    const ends = [pixel(panel, x - dx, y - dy), pixel(panel, x + dx, y + dy)];
    strokePolyline(ctx, ends, { ...layer.style, marker: null });
  },

  // The segment through `center` at right angles to the vector (a, b), ±half each side:
  // the direction of a contour line, across the gradient. Nothing where (a, b) = 0.
  across(ctx, panel, layer, get) {
    const [x, y] = layer.center.map(get);
    const [a, b] = layer.normal.map(get);
    const size = Math.hypot(a, b);
    if (!(size > 0)) return;
    const [dx, dy] = [(-b / size) * layer.half, (a / size) * layer.half];
    const ends = [pixel(panel, x - dx, y - dy), pixel(panel, x + dx, y + dy)];
    strokePolyline(ctx, ends, { ...layer.style, marker: null });
  },

  guide(ctx, panel, layer, get) {
    const at = get(layer.at);
    const ends = layer.vertical
      ? panel.y.map((y) => pixel(panel, at, y))
      : panel.x.map((x) => pixel(panel, x, at));
    strokePolyline(ctx, ends, layer.style);
  },

  // An arrow whose tip would leave the panel is shortened, in the same direction, so
  // that its tip stays inside: the readout's numbers always have their picture.
  arrow(ctx, panel, layer, get) {
    const [x, y] = layer.start.map(get);
    const [u, v] = layer.vector.map((ref) => get(ref) * layer.scale);
    const from = pixel(panel, x, y);
    drawArrow(ctx, from, tipInside(panel, from, pixel(panel, x + u, y + v)), layer);
  },

  // The curve of one column as one control runs over its lattice, the others held.
  // With `upto`, only up to the current position (what lies beyond may not be computed).
  slice(ctx, panel, layer, get) {
    const upto = layer.upto ? get.position[layer.along] + 1 : undefined;
    const ys = get.along(layer.value, layer.along, upto);
    const xs =
      layer.x === null
        ? get.lattice(layer.along).slice(0, upto)
        : get.along(layer.x, layer.along, upto);
    strokePolyline(
      ctx,
      Array.from(xs, (x, i) => pixel(panel, x, ys[i])),
      layer.style,
    );
  },

  path(ctx, panel, layer, get) {
    const xs = get(layer.x);
    const ys = get(layer.y);
    strokePolyline(
      ctx,
      Array.from(xs, (x, i) => pixel(panel, x, ys[i])),
      layer.style,
    );
  },

  // A number written at a fixed place, e.g. "grad -0.12" in a box of a graph.
  text(ctx, panel, layer, get) {
    const [x, y] = pixel(panel, ...layer.at);
    ctx.font = `${layer.style.weight === "bold" ? "bold " : ""}${layer.style.size}px sans-serif`;
    ctx.fillStyle = layer.style.color;
    ctx.textAlign = layer.style.align;
    ctx.textBaseline = "middle";
    ctx.fillText(layer.prefix + formatNumber(get(layer.value), layer.format), x, y);
  },

  // a·cos θ + b·sin θ over the angle lattice: the slope ∇f·u in every direction u.
  sinusoid(ctx, panel, layer, get) {
    const [a, b] = [get(layer.a), get(layer.b)];
    const cos = get.along(layer.cos, layer.along);
    const sin = get.along(layer.sin, layer.along);
    const points = get.lattice(layer.along).map((t, i) => pixel(panel, t, a * cos[i] + b * sin[i]));
    strokePolyline(ctx, points, layer.style);
  },

  // The top of a·cos θ + b·sin θ, at θ = atan2(b, a) and height √(a² + b²), or with
  // `lowest` its bottom, 180° on; nothing where a = b = 0 (no direction is steepest).
  peak(ctx, panel, layer, get) {
    const height = Math.hypot(get(layer.a), get(layer.b));
    if (!(height > 0)) return;
    const top = (Math.atan2(get(layer.b), get(layer.a)) * 180) / Math.PI;
    const angle = (((top + (layer.lowest ? 180 : 0)) % 360) + 360) % 360;
    drawMarker(ctx, pixel(panel, angle, layer.lowest ? -height : height), layer.style);
  },

  // Square images side by side (hidden units' weights), drawn as one picture.
  /** @param {ImagesLayer} layer */
  images(ctx, panel, layer, get) {
    drawMosaic(ctx, panel, layer, get(layer.values));
  },

  // Bars from 0 to each entry (ten probabilities), the tallest highlighted.
  /** @param {BarsLayer} layer */
  bars(ctx, panel, layer, get) {
    const heights = Array.from(get(layer.values)).slice(layer.start, layer.start + layer.count);
    const best = heights.indexOf(Math.max(...heights));
    heights.forEach((height, k) => {
      const [x0, y0] = pixel(panel, k - layer.width / 2, 0);
      const [x1, y1] = pixel(panel, k + layer.width / 2, height);
      ctx.fillStyle = k === best ? layer.highlight : layer.style.color;
      ctx.fillRect(x0, Math.min(y0, y1), x1 - x0, Math.abs(y1 - y0));
    });
  },
};

// The tiles of an Images layer as one picture, one canvas pixel per image pixel (gaps
// left transparent), scaled onto the panel without smoothing: one drawImage in place of
// a fillRect per pixel, which alone cost a slowed phone most of a frame. Image pixel
// (column c, row r) is centred at data (c, r), as in matplotlib's imshow (linear axes).
const mosaics = new WeakMap(); // layer -> {canvas, pixels, rgba, codes}: made once, reused

function drawMosaic(ctx, panel, layer, codes) {
  const { side, gap, columns, count } = layer;
  const step = side + gap;
  const [width, height] = [columns * step - gap, Math.ceil(count / columns) * step - gap];
  let mosaic = mosaics.get(layer);
  if (!mosaic) {
    const canvas = document.createElement("canvas");
    [canvas.width, canvas.height] = [width, height];
    const channels = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    const rgba = layer.colors.map((hex) => Uint8ClampedArray.of(...channels(hex), 255));
    mosaic = { canvas, pixels: new ImageData(width, height), rgba, codes: null };
    mosaics.set(layer, mosaic);
  }
  if (mosaic.codes !== codes) {
    // Only when the codes change (a frame that moves something else reuses the picture).
    mosaic.codes = codes;
    const area = side * side;
    for (let t = 0; t < count; t += 1) {
      const [top, left] = [Math.floor(t / columns) * step, (t % columns) * step];
      for (let i = 0; i < area; i += 1) {
        const at = 4 * ((top + Math.floor(i / side)) * width + left + (i % side));
        mosaic.pixels.data.set(mosaic.rgba[codes[t * area + i]], at);
      }
    }
    mosaic.canvas.getContext("2d").putImageData(mosaic.pixels, 0, 0);
  }
  // Image column u spans data x from u - 0.5 to u + 0.5 (rows likewise): map the corners.
  const [x0, y0] = pixel(panel, -0.5, -0.5);
  const [x1, y1] = pixel(panel, width - 0.5, height - 0.5);
  ctx.save();
  ctx.imageSmoothingEnabled = false;
  ctx.transform((x1 - x0) / width, 0, 0, (y1 - y0) / height, x0, y0);
  ctx.drawImage(mosaic.canvas, 0, 0);
  ctx.restore();
}

const ARROW_MARGIN = 3;

// `to`, or, if it lies outside the panel, the point where the way from `from` (inside)
// to `to` leaves the panel, ARROW_MARGIN pixels short of its edges (the head is drawn whole).
/** @param {Panel} panel */
export function tipInside(panel, from, to) {
  const [left, top, width, height] = panel.box;
  const low = [left + ARROW_MARGIN, top + ARROW_MARGIN];
  const high = [left + width - ARROW_MARGIN, top + height - ARROW_MARGIN];
  let t = 1;
  for (const axis of [0, 1]) {
    const d = to[axis] - from[axis];
    if (from[axis] < low[axis] || from[axis] > high[axis]) continue; // starts at an edge
    if (from[axis] + d > high[axis]) t = Math.min(t, (high[axis] - from[axis]) / d);
    if (from[axis] + d < low[axis]) t = Math.min(t, (low[axis] - from[axis]) / d);
  }
  return [from[0] + t * (to[0] - from[0]), from[1] + t * (to[1] - from[1])];
}

// An arrow from `from` to `to` (pixels): a shaft and a head, filled and outlined.
function drawArrow(ctx, from, to, layer) {
  const [dx, dy] = [to[0] - from[0], to[1] - from[1]];
  const length = Math.hypot(dx, dy);
  if (length < 1e-9) return;
  const [ux, uy] = [dx / length, dy / length];
  const head = Math.min(layer.head, 0.6 * length);
  const [shaft, wing] = [layer.shaft / 2, (layer.head * 0.6) / 2];
  const along = (d, across) => [from[0] + ux * d - uy * across, from[1] + uy * d + ux * across];
  const outline = [
    along(0, -shaft),
    along(length - head, -shaft),
    along(length - head, -wing),
    to,
    along(length - head, wing),
    along(length - head, shaft),
    along(0, shaft),
  ];
  ctx.beginPath();
  polygon(ctx, outline);
  ctx.fillStyle = layer.style.color;
  ctx.fill();
  ctx.lineWidth = layer.style.width;
  ctx.strokeStyle = layer.style.edge;
  ctx.setLineDash([]);
  if (layer.style.width > 0) ctx.stroke();
}

// The canvas at the size the picture is shown (`shownWidth` CSS pixels; 0 before it
// is laid out), in device pixels, cleared, and set to draw in figure pixels.
function prepareCanvas(canvas, shownWidth, size) {
  const scale = ((shownWidth || size.width) / size.width) * (window.devicePixelRatio || 1);
  const [width, height] = [size.width, size.height].map((n) => Math.round(n * scale));
  if (canvas.width !== width || canvas.height !== height) {
    [canvas.width, canvas.height] = [width, height];
  }
  const ctx = canvas.getContext("2d");
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.setTransform(width / size.width, 0, 0, height / size.height, 0, 0);
  return ctx;
}

// Draw one layer, clipped to its panel as matplotlib clips to its axes (a point's
// marker to the panel and its own size around it: a point in a corner is drawn whole,
// not as a sliver); false if a number it needs is still pending (nothing of it is
// drawn then).
/** @param {CanvasRenderingContext2D} ctx @param {Panel} panel @param {Layer} layer */
function drawLayer(ctx, panel, layer, get, alpha = 1) {
  ctx.save();
  ctx.globalAlpha = alpha * layer.style.alpha;
  if (layer.style.clip !== false) {
    const [left, top, width, height] = panel.box;
    const r = layer.draw === "point" ? layer.style.size / 2 + (layer.style.edge_width || 0) : 0;
    ctx.beginPath();
    ctx.rect(left - r, top - r, width + 2 * r, height + 2 * r);
    ctx.clip();
  }
  try {
    return unlessPending(() => {
      drawingSteps[layer.draw](ctx, panel, layer, get);
      return true;
    }, false);
  } finally {
    ctx.restore();
  }
}

// --- 4. The view: controls, readout, figure ---------------------------------------------

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "className") node.className = value;
    else if (name === "text") node.textContent = value;
    else node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

function matches(position, when) {
  return Object.entries(when || {}).every(([name, index]) => position[name] === index);
}

// Ids a slider's aria-labelledby points at. A page may import this module more than once
// (on the website each explorer's loader imports its own copy), so the count alone would
// repeat there, and a slider would be named by another explorer's label: each copy of
// the module adds its own random part.
const ID_PREFIX = `explorer-label-${Math.random().toString(36).slice(2, 8)}`;
let uniqueIds = 0;

// A control's values arrive as float64 bytes; a slider writes them in its format.
// `view` holds the page elements the view keeps up to date, once they are built.
/**
 * @param {ControlSpec} spec
 * @returns {Control}
 */
export function decodeControl(spec) {
  if (!spec.values) return { ...spec, view: null };
  const values = Array.from(numbers({ float64: spec.values }));
  const labels = spec.format ? values.map((value) => formatNumber(value, spec.format)) : null;
  return { ...spec, values, labels, view: null };
}

/**
 * The explorer's tables from what Python sent: the stored ones, the controls' own
 * columns, the kernel's latest answers and the recipe (exported for the parity tests).
 * @param {Control[]} controls decoded (decodeControl)
 * @param {(name: keyof Traits) => any} get a trait's value
 */
export function explorerTables(controls, get) {
  const named = controls.filter((c) => c.name);
  const sizes = Object.fromEntries(named.map((c) => [c.name, sizeOf(c)]));
  const lattices = Object.fromEntries(named.map((c) => [c.name, c.values]));
  const tables = new Tables(sizes, { recipe: get("recipe") ?? {}, lattices });
  tables.fixed = [...get("tables").map(decodeTable), ...controls.map(ownColumn)];
  tables.answers = get("answers").map(decodeTable);
  return tables;
}

// A slider's (or counter's) own values are a column named after it, as in Python's
// Tables: a point drawn at ("start_x", "start_y") needs no table that repeats them.
function ownColumn(control) {
  if (!control.values) return { over: [], shape: [], at: {}, columns: {} };
  const { name, values } = control;
  return { over: [name], shape: [values.length], at: {}, columns: { [name]: values } };
}

// Positions a control can take: a slider's or a counter's lattice, a choice's options.
function sizeOf(control) {
  return (control.values || control.options).length;
}

function lastIndex(control) {
  return sizeOf(control) - 1;
}

// `index` held to a position the control can take (a key or a button may overshoot).
function clampIndex(index, control) {
  return Math.max(0, Math.min(lastIndex(control), index));
}

// The keys of the ARIA slider pattern, each as the position it moves a control to
// from `now`. The sliders and the figure share them; a key not here is not ours.
const KEY_STEPS = {
  ArrowRight: (now) => now + 1,
  ArrowUp: (now) => now + 1,
  ArrowLeft: (now) => now - 1,
  ArrowDown: (now) => now - 1,
  PageUp: (now, control) => now + (control.page ?? 1), // a choice has no page: one step
  PageDown: (now, control) => now - (control.page ?? 1),
  Home: () => 0,
  End: (_now, control) => lastIndex(control),
};

// `read()`, or `fallback` where a number it needs is pending: no table holds it at
// this position yet, the kernel is computing it. Any other error is a bug: thrown on.
function unlessPending(read, fallback) {
  try {
    return read();
  } catch (error) {
    if (error instanceof Pending) return fallback;
    throw error;
  }
}

// Marks at one place on a track (2/L and (2 + 2β)/L when β = 0) share one label,
// "2/L = (2+2β)/L", instead of two labels written over each other. Labels of marks
// apart take turns above and below the track (explorer.css, .explorer-mark-below), so
// two near marks never write over each other either.
const SAME_PLACE = 0.03; // of the track's length

function labelMarks(marks) {
  for (const mark of marks) {
    const near = (other) =>
      other.fraction !== null && Math.abs(other.fraction - mark.fraction) < SAME_PLACE;
    const together = mark.fraction === null ? [mark] : marks.filter(near);
    const text = together[0] === mark ? together.map((other) => other.label).join(" = ") : "";
    if (mark.shownLabel !== text) {
      mark.shownLabel = text;
      mark.tick.firstChild.textContent = text;
    }
  }
}

// A slider or figure takes the keyboard focus when a press on it ends, not when it
// begins (a press's default, prevented). In JupyterLab a focus makes its cell the active
// one, and the notebook's toolbar and editors then take about 100 ms of a slowed phone's
// main thread: at the press, the drag's first frames would wait for them.
function takeFocus(target) {
  if (document.activeElement !== target) target.focus({ preventScroll: true });
}

// Keep a drag going when the pointer leaves the element (a finger slides off the
// figure). Only a real, pressed pointer can be captured: anything else just drags.
function capture(target, event) {
  try {
    target.setPointerCapture(event.pointerId);
  } catch {
    // an event made by a script (a test), or a pointer already released
  }
}

// The index of the pixel nearest by `distance`, the first of equals; `fallback` if no
// distance is a number (all nan).
function closest(pixels, distance, fallback) {
  let best = fallback;
  let bestDistance = Infinity;
  pixels.forEach((point, index) => {
    const d = distance(point);
    if (d < bestDistance) [best, bestDistance] = [index, d];
  });
  return best;
}

// The picture matplotlib drew and a canvas over it for what moves. A figure with a
// drag takes the keyboard focus, so that after a click its arrow keys move the point;
// one without a drag (its sliders move it) takes neither the focus nor the keys, and
// says nothing of dragging.
// The figure's box for a picture `size` CSS pixels: never wider than drawn, except the
// narrow one, drawn at twice its size, which may grow to fill the phone's width.
function sizeFigure(figure, size, narrow = false) {
  figure.style.maxWidth = `${narrow ? 2 * size.width : size.width}px`;
  figure.style.aspectRatio = `${size.width} / ${size.height}`;
}

// One way to show the figure: its size, a URL per background and each one's panels.
/** @param {[number, number]} size @param {Background[]} backgrounds */
function layoutOf([width, height], backgrounds) {
  return {
    size: { width, height },
    urls: backgrounds.map((b) => URL.createObjectURL(new Blob([b.png], { type: "image/png" }))),
    panels: backgrounds.map((b) => b.panels),
  };
}

function figureElement(description, size, picture, canvas, draggable) {
  const attributes = draggable
    ? {
        tabindex: "0",
        role: "application",
        "aria-label": `${description} Drag the point, or click here and use the arrow keys.`,
      }
    : {};
  const figure = element("div", { className: "explorer-figure", ...attributes }, picture, canvas);
  sizeFigure(figure, size);
  return figure;
}

// A slider's elements: its label, role="slider" around a track with a thumb and any
// marks, and its value written out. The fields after `marks` remember what the page
// shows, so that updateControls writes only what changed.
function sliderElements(control) {
  const id = `${ID_PREFIX}-${uniqueIds++}`;
  const label = element("span", { className: "explorer-label", id, text: control.label });
  const thumb = element("span", { className: "explorer-thumb" });
  const track = element("span", { className: "explorer-track" }, thumb);
  const value = element("span", { className: "explorer-value" }, ""); // one text node
  const slider = element(
    "div",
    {
      className: "explorer-slider",
      role: "slider",
      tabindex: "0",
      "aria-labelledby": id,
      "aria-valuemin": String(control.values[0]),
      "aria-valuemax": String(control.values[lastIndex(control)]),
    },
    track,
  );
  const marks = control.marks.map((mark, i) => {
    const below = i % 2 === 1 ? " explorer-mark-below" : "";
    const tick = element("span", { className: `explorer-mark${below}`, "aria-hidden": "true" });
    tick.append(element("span", { text: mark.label }));
    track.append(tick);
    // fraction: where on the track (null: off it); left: its CSS (undefined: not placed
    // yet); shownLabel: the text its tick shows.
    return { ...mark, tick, fraction: null, left: undefined, shownLabel: mark.label };
  });
  if (marks.length) slider.classList.add("explorer-marked");
  const row = element("div", { className: "explorer-row" }, label, slider, value);
  return { row, slider, track, thumb, value, marks, shown: null };
}

// One readout item as Python's readout_text() writes it ("" leaves it out); "…" for
// a number still pending.
function itemText(item, get, controls) {
  if (item.kind === "words") {
    const words = unlessPending(() => get(item.column), "…");
    if (!words) return "";
    return item.label ? `${item.label}: ${words}` : words;
  }
  if (item.control) {
    return `${item.label} = ${controls[item.control].labels[get.position[item.control]]}`;
  }
  const value = unlessPending(() => get(item.column), null);
  return `${item.label} = ${formatNumber(value, item.format, item.large, item.small)}`;
}

// A slider at `index`, hidden where it is not shown; its marks where they are now.
// Only what changed is written (see updateControls).
function showSlider(control, view, index, get) {
  const hidden = !matches(get.position, control.shown_when);
  if (view.row.hidden !== hidden) view.row.hidden = hidden;
  if (view.shown !== index) {
    view.shown = index;
    view.thumb.style.left = `${(100 * index) / Math.max(1, lastIndex(control))}%`;
    view.slider.setAttribute("aria-valuenow", String(control.values[index]));
    view.slider.setAttribute("aria-valuetext", control.labels[index]);
    view.value.firstChild.data = control.labels[index];
  }
  if (view.marks.length) {
    for (const mark of view.marks) placeMark(control, mark, get);
    labelMarks(view.marks);
  }
}

// The pad of a sketch: its pixels in grey, white paper and black ink, redrawn only when
// they change.
function showSketch(control, view, position) {
  const pixels = position[`${control.name}_pixels`] || control.start;
  if (view.shown === pixels) return;
  view.shown = pixels;
  const { canvas } = view;
  const cell = 18;
  const size = control.side * cell;
  if (canvas.width !== size) [canvas.width, canvas.height] = [size, size];
  const ctx = canvas.getContext("2d");
  pixels.forEach((value, i) => {
    const shade = Math.round(255 * (1 - value));
    ctx.fillStyle = `rgb(${shade}, ${shade}, ${shade})`;
    ctx.fillRect((i % control.side) * cell, Math.floor(i / control.side) * cell, cell, cell);
  });
}

// A tick on a slider's track at a value (a number, or a column read at this position).
function placeMark(control, mark, get) {
  const at = unlessPending(() => get(mark.at), NaN);
  const [low, high] = [control.values[0], control.values[lastIndex(control)]];
  const inside = Number.isFinite(at) && at >= low && at <= high;
  mark.fraction = inside ? (at - low) / (high - low) : null;
  const left = inside ? `${100 * mark.fraction}%` : null;
  if (left === mark.left) return;
  mark.left = left;
  mark.tick.hidden = !inside;
  if (!inside) return;
  mark.tick.style.left = left;
  // Near an end of the track the label ends (or begins) at its tick, so that it stays
  // over the track: clear of the value and of the label beside the slider.
  const anchor = mark.fraction > 0.8 ? "end" : mark.fraction < 0.2 ? "start" : "middle";
  if (mark.tick.getAttribute("data-anchor") !== anchor)
    mark.tick.setAttribute("data-anchor", anchor);
}

const NEEDS_KERNEL =
  "Some numbers here need a running kernel (open this notebook in Jupyter, Binder " +
  "or Colab and run it); everything else moves without one.";

class ExplorerView {
  /**
   * @param {{get(name: keyof Traits): any, set(name: string, value: any): void,
   *   save_changes(): void, on(event: string, callback: Function): void,
   *   off(event: string, callback: Function): void}} model anywidget's model
   * @param {HTMLElement} el where anywidget shows this view
   */
  constructor(model, el) {
    this.model = model;

    // What Python sent, decoded once: the controls by name (a button has none), the
    // tables, the kernel's latest answers, the layers, readout items and drags.
    const controls = model.get("controls").map(decodeControl);
    /** @type {Object<string, Control>} */
    this.controls = Object.fromEntries(controls.filter((c) => c.name).map((c) => [c.name, c]));
    this.tables = explorerTables(controls, (name) => model.get(name));
    /** @type {Layer[]} */
    this.layers = model.get("layers");
    /** @type {ReadoutItem[]} */
    this.items = model.get("readout_items");
    /** @type {Drag[]} */
    this.drags = model.get("drags");
    // The layers and drags as the narrow figure places them (chooseLayout swaps them in).
    this.wideParts = { layers: this.layers, drags: this.drags };
    this.narrowParts = {
      layers: this.layers.map((layer) => ({ ...layer, ...layer.narrow })),
      drags: this.drags.map((drag) => ({ ...drag, ...drag.narrow })),
    };
    // The figure as matplotlib drew it (wide), and drawn again for a phone (narrow, its
    // panels stacked), if Python sent one; useLayout picks one by the room there is.
    this.wide = layoutOf(model.get("size"), model.get("backgrounds"));
    const narrow = model.get("narrow_backgrounds") || [];
    this.narrow = narrow.length ? layoutOf(model.get("narrow_size"), narrow) : null;
    this.layout = this.wide;
    this.size = this.wide.size; // the figure shown, in its CSS pixels
    this.backgroundUrls = this.wide.urls;
    this.panelsOf = this.wide.panels;

    // Where the explorer is: a lattice index per control, and `seq`, which numbers the
    // moves (the kernel's answers carry the seq of the position they answer).
    this.position = { ...model.get("position") };
    this.seq = this.position.seq || 0;
    /** @type {Drag | null} */
    this.dragging = null; // the drag a pressed pointer moves

    // Telling the kernel where it is (tellKernel).
    this.noKernel = false; // saving failed once: a page with no kernel, stop trying
    this.askedForNarrow = false; // asked the kernel for the phone's figure (askForNarrow)
    this.told = null; // the last position sent, as JSON
    this.toldAt = -Infinity; // when, by performance.now()
    this.sending = false; // while true, change:position is our own save echoing back

    // What the page shows now: a write to the page costs a layout even if nothing
    // changed, so each is compared first.
    this.readoutText = null;
    this.readoutShape = null; // which items are bold, as "tb…" (writeReadout)
    this.readoutTexts = []; // the readout's text nodes, one per item shown
    this.latestText = ""; // what the next announcement reads out
    this.pendingSince = null; // when numbers began to wait for the kernel (null: none wait)

    // What destroy() undoes: the timers (one per name; see schedule), the animation
    // frame, and a cleanup per listener, observer and object URL.
    this.timers = { tell: null, announce: null, status: null };
    this.frameRequest = null;
    this.keyTargets = new Map(); // a slider or the figure -> aim(key): what its keys move
    this.cleanups = [
      () => {
        for (const layout of [this.wide, this.narrow]) {
          for (const url of layout?.urls || []) URL.revokeObjectURL(url);
        }
      },
    ];

    // The page. (No data-lm-suppress-shortcuts on it: in Notebook 7 that stops Shift+Enter
    // on a focused slider from running the cell, and handleKey already keeps our keys.)
    this.root = element("div", { className: "explorer" });
    this.controlsBox = element("div", { className: "explorer-controls" });
    this.readout = element("div", { className: "explorer-readout" });
    this.status = element("div", { className: "explorer-status" });
    this.announcer = element("div", { className: "explorer-announcer", "aria-live": "polite" });
    const description = model.get("description");
    this.picture = element("img", { alt: description, draggable: "false" });
    this.canvas = element("canvas", { "aria-hidden": "true" });
    const draggable = this.drags.length > 0;
    this.figure = figureElement(description, this.size, this.picture, this.canvas, draggable);
    this.root.append(this.controlsBox, this.readout, this.status, this.figure, this.announcer);
    for (const control of controls) this.buildControl(control);
    el.append(this.root);
    this.chooseLayout();

    this.listenToFigure();
    this.listenToModel();
    this.on(window, "keydown", (event) => this.handleKey(event), { capture: true });
  }

  // --- listening: every listener goes through these two, so destroy() removes it --------

  listen(model, event, callback) {
    model.on(event, callback);
    this.cleanups.push(() => model.off(event, callback));
  }

  on(target, event, callback, options) {
    target.addEventListener(event, callback, options);
    this.cleanups.push(() => target.removeEventListener(event, callback, options));
  }

  // The kernel's new answers, and moves made from Python (explorer.move(...)).
  listenToModel() {
    this.listen(this.model, "change:narrow_backgrounds", () => {
      const narrow = this.model.get("narrow_backgrounds") || [];
      if (!narrow.length || this.narrow !== null) return;
      this.narrow = layoutOf(this.model.get("narrow_size"), narrow);
      this.chooseLayout();
    });
    this.listen(this.model, "change:answers", () => {
      this.tables.answers = this.model.get("answers").map(decodeTable);
      this.requestFrame();
    });
    this.listen(this.model, "change:position", () => {
      if (this.sending) return;
      this.position = { ...this.model.get("position") };
      this.requestFrame();
    });
  }

  // Drags and keys on the figure, and a new frame when its size changes.
  listenToFigure() {
    this.on(this.figure, "pointerdown", (event) => this.press(event));
    this.on(this.figure, "pointermove", (event) => this.dragTo(event));
    this.onPressEnd(this.figure, () => {
      const wasPressed = this.dragging !== null;
      this.dragging = null;
      return wasPressed;
    });
    if (this.drags.length) this.listenToKeys(this.figure, (key) => this.figureKeyAim(key));
    const resize = new ResizeObserver(() => {
      this.chooseLayout();
      this.requestFrame();
    });
    resize.observe(this.figure);
    resize.observe(this.root);
    this.cleanups.push(() => resize.disconnect());
  }

  // A press on `target` (a slider, the figure) ends, released or cancelled: `forget()`
  // ends its drag and says whether the press was its own; then `target` takes the focus
  // (see takeFocus), and the kernel hears where the move ended.
  onPressEnd(target, forget) {
    const end = () => {
      if (forget()) takeFocus(target);
      this.tellKernel(true);
    };
    this.on(target, "pointerup", end);
    this.on(target, "pointercancel", end);
  }

  // `target` (a slider, the figure) takes the keys of KEY_STEPS; `aim(key)` names what
  // a key moves there, {control, sets}, or null. handleKey hears them.
  listenToKeys(target, aim) {
    this.keyTargets.set(target, aim);
    this.on(target, "keyup", () => this.tellKernel(true)); // a key let go ends the move
  }

  // The one handler of the keys the explorer handles, for its sliders and its figure.
  // It listens on the window in the capture phase, where a key arrives before anyone
  // else hears it: Notebook 7 (Lumino, listening in the document's capture phase) takes
  // ← → for its cell navigation before a listener on the slider would run, and
  // data-lm-suppress-shortcuts does not stop that (the shortcut's selector matches the
  // focused slider itself). A key handled here goes no further (stopPropagation) and
  // does nothing else (preventDefault: no scrolling); any other key (Tab, Escape,
  // Shift+Enter…) is left alone, for the browser and the notebook.
  handleKey(event) {
    const aim = this.keyTargets.get(event.target);
    const step = KEY_STEPS[event.key];
    const aimed = aim && step ? aim(event.key) : null;
    if (!aimed) return;
    event.preventDefault();
    event.stopPropagation();
    const { control, sets = {} } = aimed;
    const next = step(this.position[control.name], control);
    this.moveTo({ ...sets, [control.name]: clampIndex(next, control) });
  }

  // --- building the controls --------------------------------------------------------------

  buildControl(control) {
    if (control.kind === "slider") this.buildSlider(control);
    if (control.kind === "choice") this.buildChoice(control);
    if (control.kind === "button") this.buildButton(control);
    if (control.kind === "sketch") this.buildSketch(control);
  }

  // A slider: role="slider" with the keys of the ARIA practices, and pointer dragging.
  buildSlider(control) {
    const view = sliderElements(control);
    control.view = view;
    this.controlsBox.append(view.row);
    this.listenToKeys(view.slider, () => ({ control }));
    const fromPointer = (event) => {
      const box = view.track.getBoundingClientRect();
      const index = Math.round(((event.clientX - box.left) / box.width) * lastIndex(control));
      this.moveTo({ [control.name]: clampIndex(index, control) });
    };
    let pressed = false;
    this.on(view.slider, "pointerdown", (event) => {
      event.preventDefault(); // no focus yet, no text selection (see takeFocus)
      capture(view.slider, event);
      pressed = true;
      fromPointer(event);
    });
    this.onPressEnd(view.slider, () => {
      const wasPressed = pressed;
      pressed = false;
      return wasPressed;
    });
    this.on(view.slider, "pointermove", (event) => {
      if (pressed && event.buttons & 1) fromPointer(event);
    });
  }

  // Buttons next to each other share one row across the controls' grid (explorer.css).
  buttonRow() {
    const last = this.controlsBox.lastElementChild;
    if (last?.classList.contains("explorer-buttons")) return last;
    const row = element("div", { className: "explorer-buttons" });
    this.controlsBox.append(row);
    return row;
  }

  buildChoice(control) {
    const select = element("select", { className: "explorer-choice" });
    select.append(
      ...control.options.map((option, index) =>
        element("option", { value: String(index), text: option }),
      ),
    );
    const label = element("label", { className: "explorer-row" }, `${control.label} `, select);
    this.controlsBox.append(label);
    this.on(select, "change", () => {
      this.moveTo({ [control.name]: Number(select.value) });
      this.tellKernel(true);
    });
    control.view = { select };
  }

  buildButton(control) {
    const button = element("button", {
      type: "button",
      title: control.tooltip,
      text: control.label,
    });
    this.buttonRow().append(button);
    this.on(button, "click", () => {
      const now = this.position[control.counter];
      const next = control.set_to === null ? now + control.add : control.set_to;
      this.moveTo({ [control.counter]: clampIndex(next, this.controls[control.counter]) });
      this.tellKernel(true);
    });
  }

  // A pad of side × side cells the pointer paints (a soft brush: the cell under it
  // full, its four neighbours at least half), and a button that clears it. Each change
  // is a new drawing: the next index, and the pixels, in the position.
  buildSketch(control) {
    const canvas = element("canvas", {
      className: "explorer-sketch",
      role: "img",
      "aria-label": `${control.label}: an ${control.side} by ${control.side} pad to paint on with the pointer`,
    });
    const clear = element("button", { type: "button", text: "Clear" });
    const label = element("span", { className: "explorer-label", text: control.label });
    this.controlsBox.append(element("div", { className: "explorer-row" }, label, canvas, clear));
    control.view = { canvas, sketch: true, shown: null };
    const key = `${control.name}_pixels`;
    const { side } = control;
    const draw = (pixels) => {
      const next = (this.position[control.name] % lastIndex(control)) + 1;
      this.moveTo({ [control.name]: next, [key]: pixels });
    };
    const paint = (event) => {
      const box = canvas.getBoundingClientRect();
      const column = Math.floor(((event.clientX - box.left) / box.width) * side);
      const row = Math.floor(((event.clientY - box.top) / box.height) * side);
      if (row < 0 || row >= side || column < 0 || column >= side) return;
      const pixels = [...(this.position[key] || control.start)];
      const ink = (r, c, amount) => {
        if (r < 0 || r >= side || c < 0 || c >= side) return;
        pixels[r * side + c] = Math.max(pixels[r * side + c], amount);
      };
      ink(row, column, 1);
      for (const [dr, dc] of [
        [-1, 0],
        [1, 0],
        [0, -1],
        [0, 1],
      ])
        ink(row + dr, column + dc, 0.5);
      const before = this.position[key] || control.start;
      if (pixels.some((value, i) => value !== before[i])) draw(pixels);
    };
    this.on(canvas, "pointerdown", (event) => {
      event.preventDefault();
      capture(canvas, event);
      paint(event);
    });
    this.on(canvas, "pointermove", (event) => {
      if (event.buttons & 1) paint(event);
    });
    this.on(canvas, "pointerup", () => this.tellKernel(true));
    this.on(clear, "click", () => {
      draw(new Array(side * side).fill(0));
      this.tellKernel(true);
    });
  }

  // --- moving -----------------------------------------------------------------------------

  moveTo(changes) {
    if (Object.entries(changes).every(([name, index]) => this.position[name] === index)) return;
    this.seq += 1;
    this.position = { ...this.position, ...changes, seq: this.seq };
    this.requestFrame(); // which tells the kernel, if a number waits for it here
  }

  // Tell the kernel the newest position. Who calls it decides when: drawFrame, while a
  // move goes on, only if a number the page shows waits for the kernel; the end of a
  // move (a release, a key let go, a click) with `now`. Here, a move going on is told at
  // most every TELL_KERNEL_EVERY_MS, and its end at once; ipywidgets also sends one
  // message at a time, merging the changes made meanwhile. The last move is always sent.
  tellKernel(now = false) {
    if (this.noKernel) return;
    if (now) this.cancel("tell");
    else if (this.timers.tell !== null) return; // the waiting send will take the newest
    const wait = this.toldAt + TELL_KERNEL_EVERY_MS - performance.now();
    if (!now && wait > 0) {
      this.schedule("tell", wait, () => this.tellKernel());
      return;
    }
    this.sendPosition(now);
  }

  // `moving`: more is coming; an explorer may wait with slow answers until the end.
  // With no kernel (an HTML page), saving throws: then the page just stops trying.
  sendPosition(now) {
    const told = JSON.stringify(this.position);
    if (told === this.told && !now) return; // the kernel has this one already
    this.told = told;
    this.toldAt = performance.now();
    this.sending = true;
    try {
      this.model.set("position", { ...this.position, moving: !now });
      this.model.save_changes();
    } catch {
      this.noKernel = true;
    } finally {
      this.sending = false;
    }
  }

  // --- timers: each one named, so that destroy() can cancel every one ---------------------

  // Run `callback` once, `ms` from now; a timer of the same name still waiting is replaced.
  schedule(name, ms, callback) {
    clearTimeout(this.timers[name]);
    this.timers[name] = setTimeout(() => {
      this.timers[name] = null;
      callback();
    }, ms);
  }

  cancel(name) {
    clearTimeout(this.timers[name]);
    this.timers[name] = null;
  }

  // --- the layout: wide, or narrow on a phone ----------------------------------------------

  // The narrow figure where the explorer has less than PHONE_WIDTH CSS px of room (0: not
  // laid out yet, keep the wide one), with .explorer-phone on the root, which puts each
  // slider's label above its slider. Every panel, drag and layer then uses the narrow
  // figure's panels (and a layer's or drag's `narrow` refs, if it has them), so what
  // moves is drawn where its picture shows it.
  chooseLayout() {
    const room = this.root.clientWidth;
    if (this.narrow === null && room > 0 && room < PHONE_WIDTH) this.askForNarrow();
    const phone = this.narrow !== null && room > 0 && room < PHONE_WIDTH;
    const layout = phone ? this.narrow : this.wide;
    this.root.classList.toggle("explorer-phone", room > 0 && room < PHONE_WIDTH);
    if (layout === this.layout) return;
    this.layout = layout;
    this.size = layout.size;
    this.backgroundUrls = layout.urls;
    this.panelsOf = layout.panels;
    const parts = phone ? this.narrowParts : this.wideParts;
    this.layers = parts.layers;
    this.drags = parts.drags;
    this.dragging = null;
    sizeFigure(this.figure, layout.size, phone);
    this.requestFrame();
  }

  // A kernel that draws the phone's figure only on request (widget.PHONE_FIGURES, on the
  // class hub) draws it now; with no kernel the save fails quietly, and the wide figure stays.
  askForNarrow() {
    if (this.askedForNarrow || this.model.get("narrow_wanted")) return;
    this.askedForNarrow = true;
    try {
      this.model.set("narrow_wanted", true);
      this.model.save_changes();
    } catch {
      // no kernel: nothing can draw it
    }
  }

  // --- dragging on the figure -------------------------------------------------------------

  // The background (and its panels) of this position: one per option of background_by.
  backgroundIndex() {
    const by = this.model.get("background_by");
    return by ? this.position[by] : 0;
  }

  panels() {
    return this.panelsOf[this.backgroundIndex()];
  }

  // Figure pixels (the picture's own CSS pixels) under a pointer event.
  figurePoint(event) {
    const box = this.figure.getBoundingClientRect();
    const scale = box.width / this.size.width;
    return [(event.clientX - box.left) / scale, (event.clientY - box.top) / scale];
  }

  // A press inside the panel of a drag shown here starts that drag.
  press(event) {
    const [px, py] = this.figurePoint(event);
    const panels = this.panels();
    const drag = this.drags.find((d) => {
      const [left, top, width, height] = panels[d.panel].box;
      const inside = px >= left && px <= left + width && py >= top && py <= top + height;
      return inside && matches(this.position, d.shown_when);
    });
    if (!drag) return;
    event.preventDefault(); // no focus yet, no text selection (see takeFocus)
    capture(this.figure, event);
    this.dragging = drag;
    this.dragTo(event);
  }

  dragTo(event) {
    if (!this.dragging) return;
    const drag = this.dragging;
    const panel = this.panels()[drag.panel];
    const [px, py] = this.figurePoint(event);
    const changes = { ...drag.sets };
    if (drag.x) changes[drag.x] = this.nearest(drag.x, drag.x_at, panel, px, 0);
    if (drag.y) changes[drag.y] = this.nearest(drag.y, drag.y_at, panel, py, 1);
    if (drag.pick) changes[drag.pick] = this.nearestPoint(drag.pick, drag.pick_at, panel, px, py);
    this.moveTo(changes);
  }

  // The option of `control` whose point (columns `at` over the control) is nearest.
  nearestPoint(control, at, panel, px, py) {
    const get = reader(this.tables, this.position, this.controls);
    const points = unlessPending(() => at.map((column) => get.along(column, control)), null);
    if (points === null) return this.position[control];
    const [xs, ys] = points;
    const pixels = Array.from(xs, (x, index) => pixel(panel, x, ys[index]));
    return closest(pixels, ([qx, qy]) => Math.hypot(qx - px, qy - py), this.position[control]);
  }

  // The lattice position of `control` whose value (or column `at`) lies nearest the
  // pointer, measured in pixels along one axis (so log axes work as they look).
  nearest(control, at, panel, target, axis) {
    const get = reader(this.tables, this.position, this.controls);
    const values = unlessPending(
      () => (at ? get.along(at, control) : this.controls[control].values),
      null,
    );
    if (values === null) return this.position[control];
    const pixels = Array.from(values, (value) =>
      axis === 0 ? pixel(panel, value, panel.y[0]) : pixel(panel, panel.x[0], value),
    );
    return closest(pixels, (point) => Math.abs(point[axis] - target), 0);
  }

  // After a click on the figure, the keys move the point of the first drag shown here:
  // ← → (and Page Up/Down, Home/End) its x control, ↑ ↓ its y control, either falling
  // back on the other, or on the control it picks from.
  figureKeyAim(key) {
    const drag = this.drags.find((d) => matches(this.position, d.shown_when));
    if (!drag) return null;
    const vertical = key === "ArrowUp" || key === "ArrowDown";
    const name = vertical ? drag.y || drag.x || drag.pick : drag.x || drag.y || drag.pick;
    return name ? { control: this.controls[name], sets: drag.sets } : null;
  }

  // --- drawing ----------------------------------------------------------------------------

  requestFrame() {
    if (this.frameRequest !== null) return;
    this.frameRequest = requestAnimationFrame(() => {
      this.frameRequest = null;
      this.drawFrame();
    });
  }

  // One frame: the background of this position, its layers, the readout, the controls,
  // the status line, and the readout for screen readers.
  drawFrame() {
    this.showBackground();
    const get = reader(this.tables, this.position, this.controls);
    const ctx = prepareCanvas(this.canvas, this.figure.clientWidth, this.size);
    const layersPending = this.drawLayers(ctx, get);
    const text = this.writeReadout(get);
    this.updateControls(get);
    const pending = layersPending || text.includes("…");
    if (pending) this.tellKernel(); // first: a page with no kernel then knows it has none
    this.updateStatus(pending);
    this.announce(text);
  }

  showBackground() {
    const url = this.backgroundUrls[this.backgroundIndex()];
    if (this.picture.getAttribute("src") !== url) this.picture.src = url;
  }

  // Every layer shown here, in order; true if one waits for a number from the kernel
  // (one that fades while pending shows the kernel's last answer meanwhile, faded).
  drawLayers(ctx, get) {
    const getStale = reader(this.tables, this.position, this.controls, { stale: true });
    const panels = this.panels();
    let pending = false;
    for (const layer of this.layers) {
      if (!matches(this.position, layer.shown_when)) continue;
      const panel = panels[layer.panel];
      if (drawLayer(ctx, panel, layer, get)) continue;
      pending = true;
      if (layer.fade_while_pending) drawLayer(ctx, panel, layer, getStale, FADED);
    }
    return pending;
  }

  // The items shown here, GAP between them; the page is written only if the text changed.
  writeReadout(get) {
    const parts = this.items
      .filter((item) => matches(this.position, item.shown_when))
      .map((item) => [itemText(item, get, this.controls), item.strong])
      .filter(([text]) => text !== "");
    const joined = parts.map(([text]) => text).join(GAP);
    if (joined === this.readoutText) return joined;
    this.readoutText = joined;
    // The same items as last frame (most frames): only their texts change, in place. New
    // elements would cost the page a style recalculation and more layout.
    const shape = parts.map(([, strong]) => (strong ? "b" : "t")).join("");
    if (shape !== this.readoutShape) {
      this.readoutShape = shape;
      this.readoutTexts = parts.map(() => document.createTextNode(""));
      this.readout.replaceChildren(
        ...parts.flatMap(([, strong], i) => {
          const text = this.readoutTexts[i];
          return [...(i ? [GAP] : []), strong ? element("b", {}, text) : text];
        }),
      );
    }
    parts.forEach(([text], i) => {
      if (this.readoutTexts[i].data !== text) this.readoutTexts[i].data = text;
    });
    return joined;
  }

  // Only what changed: a write to the page, even of the same value, costs a layout of
  // the whole notebook in the next frame.
  updateControls(get) {
    for (const control of Object.values(this.controls)) {
      const view = control.view;
      const index = this.position[control.name];
      if (view?.select && view.select.value !== String(index)) view.select.value = String(index);
      if (view?.slider) showSlider(control, view, index, get);
      if (view?.sketch) showSketch(control, view, get.position);
    }
  }

  // A line under the readout while a number waits for the kernel, saying why: first
  // "Computing…", then, with no answer after KERNEL_PATIENCE_MS (a frame drawn then
  // says so), that it needs a running kernel.
  updateStatus(pending) {
    const now = performance.now();
    if (!pending) {
      this.pendingSince = null;
    } else if (this.pendingSince === null) {
      this.pendingSince = now;
      this.schedule("status", KERNEL_PATIENCE_MS + 50, () => this.requestFrame());
    }
    const waited = pending && now - this.pendingSince > KERNEL_PATIENCE_MS;
    const text = !pending ? "" : this.noKernel || waited ? NEEDS_KERNEL : "Computing…";
    if (this.status.textContent !== text) this.status.textContent = text;
  }

  // The live region reads the latest readout at most every ANNOUNCE_EVERY_MS.
  announce(text) {
    this.latestText = text;
    if (this.timers.announce !== null) return;
    this.schedule("announce", ANNOUNCE_EVERY_MS, () => {
      if (this.announcer.textContent !== this.latestText) {
        this.announcer.textContent = this.latestText;
      }
    });
  }

  // Undo everything render did: every timer still waiting, the frame, every listener,
  // the observer, the pictures' URLs, the elements. Safe to call twice.
  destroy() {
    for (const name of Object.keys(this.timers)) this.cancel(name);
    if (this.frameRequest !== null) cancelAnimationFrame(this.frameRequest);
    this.frameRequest = null;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.root.remove();
  }
}

// anywidget calls this for each view, and the function it returns when the view goes
// (a cell re-run or cleared, a notebook closed).
function render({ model, el }) {
  const view = new ExplorerView(model, el);
  view.drawFrame();
  return () => view.destroy();
}

export default { render };
