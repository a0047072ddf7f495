#!/usr/bin/python3
"""Corpus model JSON -> PDF with ReportLab (Debian python3-reportlab), a native producer unlike the
office suites and the browser: platypus tables (SPAN for merged cells, repeatRows for the header on
continuation pages), ruled with stroked GRID lines or left without rules.

Fonts: `STSong-Light` is ReportLab's Adobe CID font, referenced but NOT embedded (the viewer
substitutes a local song typeface; the text layer is UCS-2 through UniGB-UCS2-H); `wqy` and `ukai`
embed subsets of Debian's WenQuanYi Zen Hei / AR PL UKai TrueType fonts.

    /usr/bin/python3 reportlab_render.py model.json out.pdf
"""
import json
import sys

from reportlab import rl_config

rl_config.invariant = 1  # fixed dates and document ID: regenerating gives the same bytes

from reportlab.lib import colors  # noqa: E402
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT, TA_JUSTIFY  # noqa: E402
from reportlab.lib.pagesizes import A4, landscape  # noqa: E402
from reportlab.lib.styles import ParagraphStyle  # noqa: E402
from reportlab.lib.units import mm  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.cidfonts import UnicodeCIDFont  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402
from reportlab.platypus import (BaseDocTemplate, Frame, NextPageTemplate, PageBreak,  # noqa: E402
                                PageTemplate, Paragraph, Spacer, Table, TableStyle)

MARGIN = 15 * mm
CELL_PAD = 6  # pt, both sides together: the same as layout.ts
TTF = {
    'wqy': ('/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', 0),
    'ukai': ('/usr/share/fonts/truetype/arphic/ukai.ttc', 0),
}


def register_font(name):
    if name in TTF:
        path, index = TTF[name]
        pdfmetrics.registerFont(TTFont(name, path, subfontIndex=index))
        return name
    pdfmetrics.registerFont(UnicodeCIDFont(name))
    return name


def em_width(s):
    return sum(0.55 if ord(ch) < 0x2E80 else 1.0 for ch in s)


def column_widths(t, opts, avail):
    """layout.ts columnWidths, repeated here: scale down to the page, stretch all but wrapped names."""
    natural = [em * opts['fontSize'] + CELL_PAD for em in t['colEm']]
    total = sum(natural)
    if total >= avail:
        return [w * avail / total for w in natural]
    fixed = [opts['wrap'] and role == 'name' for role in t['colRoles']]
    fixed_sum = sum(w for w, f in zip(natural, fixed) if f)
    flex = total - fixed_sum
    if flex <= 0:
        return natural
    k = (avail - fixed_sum) / flex
    return [w if f else w * k for w, f in zip(natural, fixed)]


class Report:
    def __init__(self, model, out):
        self.m = model
        self.o = model['options']
        self.font = register_font(self.o['font'])
        fs = self.o['fontSize']
        self.st = {
            'cover': ParagraphStyle('cover', fontName=self.font, fontSize=22, leading=30, alignment=TA_CENTER),
            'part': ParagraphStyle('part', fontName=self.font, fontSize=15, leading=20, alignment=TA_CENTER, spaceAfter=8),
            'title': ParagraphStyle('title', fontName=self.font, fontSize=15, leading=20, alignment=TA_CENTER, spaceAfter=4),
            'meta': ParagraphStyle('meta', fontName=self.font, fontSize=fs, leading=fs * 1.4),
            'right': ParagraphStyle('right', fontName=self.font, fontSize=fs, leading=fs * 1.4, alignment=TA_RIGHT),
            'body': ParagraphStyle('body', fontName=self.font, fontSize=10.5, leading=16, firstLineIndent=21,
                                   alignment=TA_JUSTIFY, wordWrap='CJK', spaceAfter=3),
            'note': ParagraphStyle('note', fontName=self.font, fontSize=fs, leading=fs * 1.4, wordWrap='CJK', spaceBefore=2),
        }
        self.cell = {a: ParagraphStyle('c' + a, fontName=self.font, fontSize=fs, leading=fs * 1.25, wordWrap='CJK',
                                       alignment={'l': TA_LEFT, 'c': TA_CENTER, 'r': TA_RIGHT}[a]) for a in 'lcr'}
        pw, ph = A4
        lw, lh = landscape(A4)
        self.doc = BaseDocTemplate(out, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                                   bottomMargin=MARGIN, title=model['title'], author='', subject='', creator='')
        self.doc.addPageTemplates([
            PageTemplate('P', [Frame(MARGIN, MARGIN, pw - 2 * MARGIN, ph - 2 * MARGIN, 0, 0, 0, 0)],
                         pagesize=A4, onPage=self.footer),
            PageTemplate('L', [Frame(MARGIN, MARGIN, lw - 2 * MARGIN, lh - 2 * MARGIN, 0, 0, 0, 0)],
                         pagesize=landscape(A4), onPage=self.footer),
        ])

    def footer(self, canvas, doc):
        if not self.o.get('footer'):
            return
        canvas.saveState()
        canvas.setFont(self.font, 9)
        w = canvas._pagesize[0]
        canvas.drawCentredString(w / 2, 8 * mm, '— %d —' % doc.page)
        canvas.restoreState()

    def grid(self, t):
        o = self.o
        avail = (landscape(A4)[0] if t['landscape'] else A4[0]) - 2 * MARGIN
        widths = column_widths(t, o, avail)
        rows = t['header'] + t['body']
        n_head = len(t['header'])
        data = [[''] * t['ncols'] for _ in rows]
        style = [
            ('FONTNAME', (0, 0), (-1, -1), self.font),
            ('FONTSIZE', (0, 0), (-1, -1), o['fontSize']),
            ('LEFTPADDING', (0, 0), (-1, -1), CELL_PAD / 2),
            ('RIGHTPADDING', (0, 0), (-1, -1), CELL_PAD / 2),
            ('TOPPADDING', (0, 0), (-1, -1), 1.5),
            ('BOTTOMPADDING', (0, 0), (-1, -1), 2.5),
            ('VALIGN', (0, 0), (-1, n_head - 1), 'MIDDLE'),
            ('VALIGN', (0, n_head), (-1, -1), 'MIDDLE' if o['valign'] == 'middle' else 'TOP'),
        ]
        for r, row in enumerate(rows):
            for c in row:
                text = c['text']
                # Names and header texts wrap (Paragraph); numbers and codes are single-line strings.
                if c['role'] in ('head', 'name', 'text'):
                    data[r][c['col']] = Paragraph(text.replace('&', '&amp;').replace('<', '&lt;'), self.cell[c['align']])
                else:
                    data[r][c['col']] = text
                    style.append(('ALIGN', (c['col'], r), (c['col'], r),
                                  {'l': 'LEFT', 'c': 'CENTER', 'r': 'RIGHT'}[c['align']]))
                if c['cs'] > 1 or c['rs'] > 1:
                    style.append(('SPAN', (c['col'], r), (c['col'] + c['cs'] - 1, r + c['rs'] - 1)))
        if o['borders'] != 'none':
            style.append(('GRID', (0, 0), (-1, -1), 0.5, colors.black))
        return Table(data, colWidths=widths, repeatRows=n_head, style=TableStyle(style), hAlign='CENTER')

    def meta(self, t):
        """部门 / 年度 / 单位 as a rule-less three-cell line the width of the page."""
        avail = (landscape(A4)[0] if t['landscape'] else A4[0]) - 2 * MARGIN
        m = self.st['meta']
        cells = [Paragraph(t['dept'], m), Paragraph(t['yearText'], ParagraphStyle('mc', parent=m, alignment=TA_CENTER)),
                 Paragraph(t['unitText'], ParagraphStyle('mr', parent=m, alignment=TA_RIGHT))]
        if self.o['preamble'] != 'stacked':
            cells[2] = Paragraph('%s　%s' % (t['tag'], t['unitText']), ParagraphStyle('mr', parent=m, alignment=TA_RIGHT))
        return Table([cells], colWidths=[avail * 0.45, avail * 0.25, avail * 0.30],
                     style=TableStyle([('LEFTPADDING', (0, 0), (-1, -1), 0), ('RIGHTPADDING', (0, 0), (-1, -1), 0)]))

    def build(self):
        story = []
        current = 'P'
        for b in self.m['blocks']:
            k = b['kind']
            if k == 'cover':
                story += [Spacer(1, 70 * mm), Paragraph(b['text'], self.st['cover'])]
            elif k == 'heading':
                if b['newPage']:
                    story += [NextPageTemplate('P'), PageBreak()]
                    current = 'P'
                story.append(Paragraph(b['text'], self.st['part']))
            elif k == 'para':
                story.append(Paragraph(b['text'], self.st['body']))
            else:
                t = b['table']
                if t['id'] is not None:
                    current = 'L' if t['landscape'] else 'P'
                    story += [NextPageTemplate(current), PageBreak(), Paragraph(t['title'], self.st['title'])]
                    if self.o['preamble'] == 'stacked':
                        story.append(Paragraph(t['tag'], self.st['right']))
                    story.append(self.meta(t))
                elif t['title']:
                    story.append(Paragraph(t['title'], self.st['body']))
                story.append(self.grid(t))
                story += [Paragraph(n, self.st['note']) for n in t['notes']]
        self.doc.build(story)


def main():
    model = json.load(open(sys.argv[1], encoding='utf-8'))
    Report(model, sys.argv[2]).build()


if __name__ == '__main__':
    main()
