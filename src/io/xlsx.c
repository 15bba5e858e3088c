/* xlsx.c — workbook writing with libxlsxwriter (see xlsx.h). */
#include "io/xlsx.h"

#include <xlsxwriter.h>

int xlsx_write(const char *path, const struct xlsx_sheet *sheets, size_t nsheets,
               struct mm_err *err)
{
    lxw_workbook_options opt = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
    lxw_workbook *wb = workbook_new_opt(path, &opt);
    if (!wb)
        return mm_err_set(err, MM_EINTERNAL, "%s を作れません", path);
    lxw_format *head = workbook_add_format(wb);
    format_set_bold(head);
    format_set_bg_color(head, 0xDDEBF7);
    format_set_border(head, LXW_BORDER_THIN);
    format_set_text_wrap(head);
    format_set_align(head, LXW_ALIGN_VERTICAL_CENTER);
    lxw_format *body = workbook_add_format(wb);
    format_set_text_wrap(body);
    format_set_align(body, LXW_ALIGN_VERTICAL_TOP);
    for (size_t s = 0; s < nsheets; s++) {
        const struct xlsx_sheet *sh = &sheets[s];
        lxw_worksheet *ws = workbook_add_worksheet(wb, sh->name);
        if (!ws) {
            workbook_close(wb);
            return mm_err_set(err, MM_EINTERNAL, "%s: シート「%s」を作れません", path, sh->name);
        }
        for (size_t c = 0; c < sh->ncols; c++) {
            worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, sh->widths ? sh->widths[c] : 12,
                                 NULL);
            worksheet_write_string(ws, 0, (lxw_col_t)c, sh->headers[c], head);
        }
        for (size_t r = 0; r < sh->nrows; r++)
            for (size_t c = 0; c < sh->ncols; c++) {
                const char *v = sh->cells[r * sh->ncols + c];
                if (v && *v)
                    worksheet_write_string(ws, (lxw_row_t)(r + 1), (lxw_col_t)c, v, body);
            }
        if (sh->filter && sh->ncols) {
            worksheet_freeze_panes(ws, 1, 0);
            worksheet_autofilter(ws, 0, 0, (lxw_row_t)sh->nrows, (lxw_col_t)(sh->ncols - 1));
        }
    }
    lxw_error e = workbook_close(wb);
    if (e != LXW_NO_ERROR)
        return mm_err_set(err, MM_EINTERNAL, "%s を書き込めません: %s", path, lxw_strerror(e));
    return MM_OK;
}
