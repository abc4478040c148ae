/*
 * ical.c - the plan as iCalendar (RFC 5545): one all-day VEVENT per task
 * with a display alarm at its reminder time (calendar apps ignore VTODO),
 * and a last event with where to get help and the disclaimer.
 *
 * Everything is derived from the plan, nothing from a clock: UIDs hash the
 * template, task and date, so a rebuild gives the same UIDs; DTSTAMP is the
 * plan's start. Lines end in CRLF and fold at 75 octets, never inside a
 * UTF-8 sequence or an escape.
 */
#include <string.h>

#include "plan/plan_impl.h"

#define FOLD 75

typedef struct ical {
  lgi_out *o;
  size_t col; /* octets on the current line */
} ical;

/* One unit (a character or an escape) that folding must keep whole. */
static void unit(ical *w, const char *s, size_t n) {
  if (w->col + n > FOLD) {
    lgi_out_put(w->o, "\r\n ", 3);
    w->col = 1;
  }
  lgi_out_put(w->o, s, n);
  w->col += n;
}

static void eol(ical *w) {
  lgi_out_put(w->o, "\r\n", 2);
  w->col = 0;
}

/* Plain bytes, folded where they cross the line limit, never inside a
 * UTF-8 sequence. */
static void run(ical *w, const char *s, size_t n) {
  while (n > 0) {
    size_t room = FOLD - w->col, cut;
    if (n <= room) {
      lgi_out_put(w->o, s, n);
      w->col += n;
      return;
    }
    cut = room;
    while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80) cut--;
    lgi_out_put(w->o, s, cut);
    lgi_out_put(w->o, "\r\n ", 3);
    w->col = 1;
    s += cut;
    n -= cut;
  }
}

static void raw(ical *w, const char *s) {
  run(w, s, strlen(s));
}

static int special(unsigned char c) {
  return c == '\\' || c == ';' || c == ',' || c < 0x20 || c == 0x7F;
}

/* A TEXT value (RFC 5545 3.3.11): \ ; , escaped, line breaks as \n, other
 * control characters dropped. */
static void text(ical *w, const char *s) {
  size_t i = 0, n = s ? strlen(s) : 0, j;
  while (i < n) {
    unsigned char c = (unsigned char)s[i];
    if (!special(c)) {
      for (j = i + 1; j < n && !special((unsigned char)s[j]); j++) {
      }
      run(w, s + i, j - i);
      i = j;
    } else if (c == '\\' || c == ';' || c == ',') {
      char e[2];
      e[0] = '\\';
      e[1] = (char)c;
      unit(w, e, 2);
      i++;
    } else if (c == '\r' || c == '\n') {
      unit(w, "\\n", 2);
      i += (c == '\r' && i + 1 < n && s[i + 1] == '\n') ? 2 : 1;
    } else {
      if (c == '\t') unit(w, "\t", 1);
      i++;
    }
  }
}

static void prop_text(ical *w, const char *name, const char *value) {
  raw(w, name);
  raw(w, ":");
  text(w, value);
  eol(w);
}

static void date_compact(int32_t days, char out[9]) {
  char buf[11];
  lg_date d = lgi_plan_date(days);
  lgi_date_format(d.year, d.month, d.day, buf);
  memcpy(out, buf, 4);
  memcpy(out + 4, buf + 5, 2);
  memcpy(out + 6, buf + 8, 2);
  out[8] = '\0';
}

static void uid(ical *w, const lg_plan *p, const char *task_id, const char *date) {
  static const char hex[] = "0123456789abcdef";
  char buf[17];
  uint64_t h = 0xcbf29ce484222325u;
  int i;
  h = lgi_plan_hash64(p->tpl->id, strlen(p->tpl->id) + 1, h); /* with the NUL: a separator */
  h = lgi_plan_hash64(task_id, strlen(task_id) + 1, h);
  h = lgi_plan_hash64(date, 8, h);
  for (i = 15; i >= 0; i--) {
    buf[i] = hex[h & 15u];
    h >>= 4;
  }
  buf[16] = '\0';
  raw(w, "UID:");
  raw(w, buf);
  raw(w, "-");
  raw(w, date);
  raw(w, "@letgo");
  eol(w);
}

static void trigger(ical *w, int minutes) {
  char buf[16];
  size_t n = 0;
  int h = minutes / 60, m = minutes % 60;
  memcpy(buf, "PT", 2);
  n = 2;
  if (h >= 10) buf[n++] = (char)('0' + h / 10);
  if (h > 0) {
    buf[n++] = (char)('0' + h % 10);
    buf[n++] = 'H';
  }
  if (m >= 10) buf[n++] = (char)('0' + m / 10);
  if (m > 0) {
    buf[n++] = (char)('0' + m % 10);
    buf[n++] = 'M';
  }
  if (minutes == 0) {
    memcpy(buf + n, "0S", 2);
    n += 2;
  }
  buf[n] = '\0';
  raw(w, "TRIGGER:");
  raw(w, buf);
  eol(w);
}

static void event_head(ical *w, const lg_plan *p, const char *id, int32_t date, const char *stamp) {
  char d[9], next[9];
  date_compact(date, d);
  date_compact(date + 1, next);
  raw(w, "BEGIN:VEVENT");
  eol(w);
  uid(w, p, id, d);
  raw(w, "DTSTAMP:");
  raw(w, stamp);
  eol(w);
  raw(w, "DTSTART;VALUE=DATE:");
  raw(w, d);
  eol(w);
  raw(w, "DTEND;VALUE=DATE:");
  raw(w, next);
  eol(w);
}

static void help_event(ical *w, const lg_plan *p, const char *stamp) {
  const lgi_built *b = &p->b;
  event_head(w, p, "help", p->start, stamp);
  prop_text(w, "SUMMARY", b->help.title);
  raw(w, "DESCRIPTION:");
  text(w, b->help.body);
  if (b->resources_text) {
    text(w, "\n\n");
    text(w, b->resources_text);
  }
  text(w, "\n\n");
  text(w, b->disclaimer.title);
  text(w, "\n");
  text(w, b->disclaimer.body);
  eol(w);
  raw(w, "TRANSP:TRANSPARENT");
  eol(w);
  raw(w, "END:VEVENT");
  eol(w);
}

int lgi_plan_export_ical(const lg_plan *p, lgi_out *o) {
  ical w;
  char stamp[17];
  size_t i;
  w.o = o;
  w.col = 0;
  date_compact(p->start, stamp);
  memcpy(stamp + 8, "T000000Z", 9);
  raw(&w, "BEGIN:VCALENDAR");
  eol(&w);
  raw(&w, "VERSION:2.0");
  eol(&w);
  raw(&w, "PRODID:-//libletgo//letgo plan//EN");
  eol(&w);
  raw(&w, "CALSCALE:GREGORIAN");
  eol(&w);
  raw(&w, "METHOD:PUBLISH");
  eol(&w);
  prop_text(&w, "X-WR-CALNAME", p->b.title);
  for (i = 0; i < p->b.task_count; i++) {
    const lg_task *t = &p->b.tasks[i];
    int32_t date = lgi_days_from_civil(t->date.year, t->date.month, t->date.day);
    event_head(&w, p, t->id, date, stamp);
    prop_text(&w, "SUMMARY", t->title);
    prop_text(&w, "DESCRIPTION", t->body);
    prop_text(&w, "X-LETGO-TASK", t->id);
    prop_text(&w, "X-LETGO-PHASE", t->phase);
    if (t->entry) prop_text(&w, "X-LETGO-ENTRY", t->entry);
    raw(&w, "TRANSP:TRANSPARENT");
    eol(&w);
    raw(&w, "BEGIN:VALARM");
    eol(&w);
    raw(&w, "ACTION:DISPLAY");
    eol(&w);
    prop_text(&w, "DESCRIPTION", t->title);
    trigger(&w, t->reminder);
    raw(&w, "END:VALARM");
    eol(&w);
    raw(&w, "END:VEVENT");
    eol(&w);
  }
  help_event(&w, p, stamp);
  raw(&w, "END:VCALENDAR");
  eol(&w);
  return LG_OK;
}
