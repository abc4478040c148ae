/*
 * markdown.c - the plan as a readable Markdown checklist: phase headings,
 * a heading per day with its date, "- [ ]" tasks, the check-ins, where to
 * get help and the disclaimer.
 *
 * Every text is escaped, not just the persona's parts: a name like
 * "*Sam* <b>" or "[x](javascript:...)" must come out as the characters
 * typed, and a line break in a name must not start a heading.
 */
#include <string.h>

#include "plan/plan_impl.h"

/* Writes s with Markdown's special characters escaped. inline_only: line
 * breaks become spaces; otherwise each line after the first is indented by
 * `indent` spaces (blank lines kept) and may not start a block. */
/* Characters escaped anywhere. */
static int special(unsigned char c) {
  switch (c) {
  case '\\':
  case '`':
  case '*':
  case '_':
  case '{':
  case '}':
  case '[':
  case ']':
  case '<':
  case '>':
  case '#':
  case '|':
  case '~':
  case '!':
  case '&':
    return 1;
  default:
    return c < 0x20 && c != '\t';
  }
}

/* Writes s with Markdown's special characters escaped. inline_only: line
 * breaks become spaces; otherwise each line after the first is indented by
 * `indent` spaces (blank lines kept) and may not start a block. */
static void md(lgi_out *o, const char *s, int inline_only, size_t indent) {
  size_t i, n = s ? strlen(s) : 0, k, j;
  int line_start = 1, number = 0; /* number: digits opened this line */
  for (i = 0; i < n; i++) {
    char c = s[i];
    if (!line_start && !number && !special((unsigned char)c)) {
      for (j = i + 1; j < n && !special((unsigned char)s[j]); j++) {
      }
      lgi_out_put(o, s + i, j - i);
      i = j - 1;
      continue;
    }
    if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < n && s[i + 1] == '\n') i++;
      if (inline_only) {
        lgi_out_putc(o, ' ');
        continue;
      }
      lgi_out_putc(o, '\n');
      /* no trailing indent on a blank line */
      if (i + 1 < n && s[i + 1] != '\n' && s[i + 1] != '\r')
        for (k = 0; k < indent; k++) lgi_out_putc(o, ' ');
      line_start = 1;
      number = 0;
      continue;
    }
    if ((unsigned char)c < 0x20 && c != '\t') continue;
    if (special((unsigned char)c) || (line_start && (c == '-' || c == '+' || c == '=')) ||
        (number && (c == '.' || c == ')')))
      lgi_out_putc(o, '\\');
    /* "1. " at a line start would open an ordered list */
    number = (line_start || number) && c >= '0' && c <= '9';
    if (c != ' ' || !line_start) line_start = 0;
    lgi_out_putc(o, c);
  }
}

static void date_text(lgi_out *o, int32_t days) {
  char buf[11];
  lg_date d = lgi_plan_date(days);
  lgi_date_format(d.year, d.month, d.day, buf);
  lgi_out_puts(o, buf);
}

static void task(lgi_out *o, const lg_task *t, int done) {
  lgi_out_puts(o, done ? "- [x] **" : "- [ ] **");
  md(o, t->title, 1, 0);
  lgi_out_puts(o, "**");
  if (t->body && *t->body) {
    lgi_out_puts(o, "  \n  ");
    md(o, t->body, 0, 2);
  }
  lgi_out_putc(o, '\n');
}

static void day(lgi_out *o, const lg_plan *p, size_t d) {
  const lgi_pday *pd = &p->b.days[d];
  const lgi_checkin *c = lgi_plan_checkin_on(p, p->start + (int32_t)d);
  size_t i;
  lgi_out_puts(o, "### ");
  md(o, p->b.labels[LGI_LABEL_DAY], 1, 0);
  lgi_out_putc(o, ' ');
  lgi_out_int(o, (int64_t)d + 1);
  lgi_out_puts(o, " \xC2\xB7 ");
  date_text(o, p->start + (int32_t)d);
  lgi_out_puts(o, "\n\n");
  for (i = 0; i < pd->count; i++) {
    const lg_task *t = &p->b.tasks[pd->first + i];
    task(o, t, lgi_checkin_has(c, t->id));
  }
  if (pd->count) lgi_out_putc(o, '\n');
}

static void checkins(lgi_out *o, const lg_plan *p) {
  size_t i, done, scheduled;
  if (!p->checkin_count) return;
  lgi_out_puts(o, "## ");
  md(o, p->b.labels[LGI_LABEL_CHECKINS], 1, 0);
  lgi_out_puts(o, "\n\n");
  for (i = 0; i < p->checkin_count; i++) {
    const lgi_checkin *c = &p->checkins[i];
    lgi_out_puts(o, "- ");
    date_text(o, c->date);
    lgi_out_puts(o, " \xE2\x80\x94 ");
    md(o, p->b.labels[LGI_LABEL_MOOD], 1, 0);
    lgi_out_puts(o, ": ");
    lgi_out_int(o, c->mood);
    lgi_out_puts(o, "/10 \xE2\x80\x94 ");
    md(o, p->b.labels[LGI_LABEL_DONE], 1, 0);
    lgi_out_puts(o, ": ");
    lgi_plan_day_adherence(p, (size_t)(c->date - p->start), &done, &scheduled);
    lgi_out_int(o, (int64_t)done);
    lgi_out_putc(o, '/');
    lgi_out_int(o, (int64_t)scheduled);
    lgi_out_putc(o, '\n');
  }
  lgi_out_putc(o, '\n');
}

static void help(lgi_out *o, const lg_plan *p) {
  const lgi_built *b = &p->b;
  size_t i, k;
  lgi_out_puts(o, "## ");
  md(o, b->help.title, 1, 0);
  lgi_out_puts(o, "\n\n");
  md(o, b->help.body, 0, 0);
  lgi_out_puts(o, "\n\n");
  for (i = 0; i < b->resource_count; i++) {
    lgi_out_puts(o, "- **");
    md(o, b->resources[i].title, 1, 0);
    lgi_out_puts(o, "**  \n  ");
    md(o, b->resources[i].body, 0, 2);
    for (k = 0; k < 3; k++) {
      if (!b->resources[i].contact[k]) continue;
      lgi_out_puts(o, "  \n  ");
      md(o, b->labels[LGI_LABEL_PHONE + k], 1, 0);
      lgi_out_puts(o, ": ");
      md(o, b->resources[i].contact[k], 1, 0);
    }
    lgi_out_putc(o, '\n');
  }
  if (b->resource_count) lgi_out_putc(o, '\n');
  lgi_out_puts(o, "---\n\n**");
  md(o, b->disclaimer.title, 1, 0);
  lgi_out_puts(o, "**\n\n");
  md(o, b->disclaimer.body, 0, 0);
  lgi_out_putc(o, '\n');
}

int lgi_plan_export_markdown(const lg_plan *p, lgi_out *o) {
  const lgi_built *b = &p->b;
  size_t ph, d;
  lgi_out_puts(o, "# ");
  md(o, b->title, 1, 0);
  lgi_out_puts(o, "\n\n");
  if (b->summary) {
    md(o, b->summary, 0, 0);
    lgi_out_puts(o, "\n\n");
  }
  for (ph = 0; ph < b->phase_count; ph++) {
    const lgi_bphase *bp = &b->phases[ph];
    lgi_out_puts(o, "## ");
    md(o, bp->title, 1, 0);
    lgi_out_puts(o, "\n\n");
    date_text(o, p->start + (int32_t)bp->start);
    lgi_out_puts(o, " \xE2\x80\x93 ");
    date_text(o, p->start + (int32_t)(bp->start + bp->length) - 1);
    lgi_out_puts(o, "\n\n");
    if (bp->summary) {
      md(o, bp->summary, 0, 0);
      lgi_out_puts(o, "\n\n");
    }
    for (d = bp->start; d < bp->start + bp->length; d++) day(o, p, d);
  }
  checkins(o, p);
  help(o, p);
  return LG_OK;
}
