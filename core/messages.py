"""Every text a data clerk reads about bad input, in Indonesian (the default) and English.

One entry per rule, for the ingest findings and the Great Expectations rules alike, plus the words
that locate a finding and the headings of the quality report. Placeholders are `str.format` fields.
"""

from __future__ import annotations

from typing import Literal

Lang = Literal["id", "en"]
LANGUAGES: tuple[Lang, ...] = ("id", "en")
DEFAULT_LANG: Lang = "id"

RULES: dict[str, dict[Lang, str]] = {
    # the inbox and its files
    "inbox_missing": {
        "id": "folder inbox tidak ditemukan",
        "en": "the inbox folder does not exist",
    },
    "unknown_dataset_folder": {
        "id": "folder {folder!r} bukan dataset yang dikenal; yang dikenal: {known}",
        "en": "folder {folder!r} is not a dataset of the input contract; known: {known}",
    },
    "unsupported_format": {
        "id": "berkas berjenis {suffix!r} tidak dibaca; simpan sebagai .xlsx, .csv atau .txt",
        "en": "files of type {suffix!r} are not read; save the file as .xlsx, .csv or .txt",
    },
    "unsupported_workbook": {
        "id": "berkas ini format Excel lama (.xls) atau .xlsx berkata sandi, yang tidak didukung; "
        "buka di Excel, hapus kata sandinya dan simpan sebagai .xlsx",
        "en": "this is an old Excel (.xls) or a password-protected .xlsx file, which is not "
        "supported; open it in Excel, remove the password and save it as .xlsx",
    },
    "damaged_workbook": {
        "id": "berkas .xlsx rusak atau terpotong dan tidak dapat dibuka",
        "en": "the .xlsx file is damaged or truncated and cannot be opened",
    },
    "binary_file": {
        "id": "berkas ini bukan teks CSV (isinya biner{kind}); simpan ulang sebagai CSV atau .xlsx",
        "en": "this file is not CSV text (its content is binary{kind}); save it again as CSV or "
        ".xlsx",
    },
    "unsupported_encoding": {
        "id": "pengodean teks {encoding} tidak didukung; simpan sebagai CSV UTF-8",
        "en": "text encoding {encoding} is not supported; save the file as CSV UTF-8",
    },
    "unreadable_csv": {
        "id": "berkas tidak dapat dibaca sebagai CSV: {problem}",
        "en": "the file cannot be read as CSV: {problem}",
    },
    "too_many_fields": {
        "id": "baris ini punya {found} kolom, padahal judul kolom hanya {expected}",
        "en": "this line has {found} fields, but the header has only {expected}",
    },
    "empty_file": {"id": "berkas kosong", "en": "the file is empty"},
    "no_data_rows": {
        "id": "berkas hanya berisi judul kolom, tanpa baris data",
        "en": "the file holds a header but no data rows",
    },
    "header_not_found": {
        "id": "tidak ada lembar dengan judul kolom yang dikenali dalam 30 baris pertama; "
        "kolom wajib: {required}",
        "en": "no sheet has a recognised header row within its first 30 rows; "
        "required columns: {required}",
    },
    "missing_required_column": {
        "id": "kolom wajib {column!r} tidak ditemukan{hint}",
        "en": "required column {column!r} not found{hint}",
    },
    # values
    "required_value_missing": {"id": "nilai wajib kosong", "en": "a required value is empty"},
    "unparseable_value": {
        "id": "nilai tidak dapat dibaca sebagai {type}",
        "en": "the value cannot be read as {type}",
    },
    "month_out_of_range": {
        "id": "bulan harus 1 sampai 12",
        "en": "a month must be 1 to 12",
    },
    "quarter_out_of_range": {
        "id": "triwulan harus 1 sampai 4 (I–IV)",
        "en": "a quarter must be 1 to 4 (I–IV)",
    },
    "pct_out_of_range": {
        "id": "persentase harus antara 0 dan 100",
        "en": "a percentage must be between 0 and 100",
    },
    "year_implausible": {
        "id": "tahun di luar {first}–{last} tidak masuk akal; periksa tahunnya",
        "en": "a year outside {first}–{last} is not plausible; check the year",
    },
    "value_too_long": {
        "id": "isi sel terlalu panjang ({length} karakter; paling banyak {limit})",
        "en": "the cell is too long ({length} characters; at most {limit})",
    },
    "number_convention_mixed": {
        "id": "kolom mencampur format angka Indonesia (1.234.567,89) dan Inggris (1,234,567.89), "
        "misalnya {example_id!r} dan {example_en!r}; gunakan satu format",
        "en": "the column mixes Indonesian (1.234.567,89) and English (1,234,567.89) number "
        "formats, e.g. {example_id!r} and {example_en!r}; use one format",
    },
    "number_convention_undecided": {
        "id": "format angka kolom tidak dapat ditentukan: nilai seperti {example!r} bisa berarti "
        "ribuan atau desimal; tulis angka tanpa pemisah ribuan",
        "en": "the column's number format cannot be decided: a value like {example!r} may mean "
        "thousands or decimals; write numbers without thousands separators",
    },
    "more_values": {
        "id": "{count} nilai lain melanggar aturan ini",
        "en": "{count} more values break this rule",
    },
    # OPD references
    "unknown_opd_name": {
        "id": "nama OPD tidak dikenal di master OPD ({rows} baris); nama terdekat: {closest}",
        "en": "the OPD name is not in the OPD master ({rows} rows); closest names: {closest}",
    },
    "ambiguous_opd_name": {
        "id": "nama OPD cocok dengan lebih dari satu OPD ({rows} baris): {candidates}; "
        "gunakan kode OPD",
        "en": "the OPD name matches more than one OPD ({rows} rows): {candidates}; "
        "use the OPD code",
    },
    "personal_data_in_column": {
        "id": "kolom ini berisi angka 16 digit seperti NIK (data pribadi, UU 27/2022); berkas "
        "tidak dimuat: hapus nilainya",
        "en": "this column holds a 16-digit number like a NIK (personal data, UU 27/2022); the "
        "file is not loaded: remove the value",
    },
    # Great Expectations rules (data_quality/suites)
    "unknown_opd": {
        "id": "OPD tidak ada di master OPD (opd/)",
        "en": "the OPD is not in the OPD master (opd/)",
    },
    "opd_inactive": {
        "id": "OPD berada di luar masa berlakunya (active_from–active_to) pada triwulan ini",
        "en": "the OPD is outside its active_from–active_to window in this quarter",
    },
    "duplicate_key_conflict": {
        "id": "ada baris lain dengan kunci yang sama tetapi nilai berbeda",
        "en": "another row has the same key with different values",
    },
    "exact_duplicate_row": {
        "id": "baris ini muncul lebih dari sekali; dihitung sekali",
        "en": "the row appears more than once; it is counted once",
    },
    "budget_negative": {
        "id": "pagu anggaran tidak boleh negatif",
        "en": "a budget (pagu) cannot be negative",
    },
    "realization_missing": {
        "id": "baris tidak memiliki realisasi bulan ini maupun realisasi s.d. bulan ini",
        "en": "the row has neither realization_month nor realization_ytd",
    },
    "realization_negative": {
        "id": "realisasi s.d. bulan ini tidak boleh negatif",
        "en": "a year-to-date realisation cannot be negative",
    },
    "realization_month_negative": {
        "id": "realisasi bulan ini negatif (koreksi): periksa",
        "en": "a negative monthly realisation (a correction): check it",
    },
    "realization_columns_disagree": {
        "id": "realisasi s.d. bulan ini berbeda dari jumlah realisasi bulanan sejak Januari",
        "en": "realization_ytd differs from the sum of realization_month since January",
    },
    "realization_above_pagu": {
        "id": "realisasi melebihi pagu lebih dari 0,5%",
        "en": "the realisation exceeds the budget (pagu) by more than 0.5%",
    },
    "physical_target_out_of_range": {
        "id": "target fisik harus antara 0 dan 100%",
        "en": "physical progress must be between 0 and 100%",
    },
    "physical_realization_out_of_range": {
        "id": "realisasi fisik harus antara 0 dan 100%",
        "en": "physical progress must be between 0 and 100%",
    },
    "polarity_unknown": {
        "id": "polaritas harus positif atau negatif (juga +/-, maximize/minimize)",
        "en": "polarity must be positif or negatif (also +/-, maximize/minimize)",
    },
    "level_unknown": {
        "id": "jenis indikator harus salah satu dari {allowed}",
        "en": "level must be one of {allowed}",
    },
    "target_negative": {"id": "target tidak boleh negatif", "en": "a target cannot be negative"},
    "positive_target_zero": {
        "id": "indikator berpolaritas positif memerlukan target di atas 0 (capaian dibagi target)",
        "en": "a positive-polarity indicator needs a target above 0 (achievement divides by it)",
    },
    "weight_negative": {
        "id": "bobot indikator tidak boleh negatif",
        "en": "an indicator weight cannot be negative",
    },
    "revision_status_unknown": {
        "id": "status harus salah satu dari {allowed}",
        "en": "status must be one of {allowed}",
    },
    "proposed_target_negative": {
        "id": "target usulan tidak boleh negatif",
        "en": "a proposed target cannot be negative",
    },
    "decision_undated": {
        "id": "revisi yang disetujui atau ditolak tidak bertanggal keputusan: tidak diterapkan",
        "en": "an approved or rejected revision has no decision date: it is not applied",
    },
    "complaint_status_unknown": {
        "id": "status harus salah satu dari {allowed}",
        "en": "status must be one of {allowed}",
    },
    "answered_before_submitted": {
        "id": "pengaduan ditanggapi sebelum dilaporkan",
        "en": "the complaint was answered before it was submitted",
    },
    "closed_before_submitted": {
        "id": "pengaduan ditutup sebelum dilaporkan",
        "en": "the complaint was closed before it was submitted",
    },
    "closed_before_answered": {
        "id": "pengaduan ditutup sebelum tanggapan pertamanya",
        "en": "the complaint was closed before its first response",
    },
    "procurement_negative": {
        "id": "belanja pengadaan tidak boleh negatif",
        "en": "procurement spending cannot be negative",
    },
    "domestic_negative": {
        "id": "belanja produk dalam negeri tidak boleh negatif",
        "en": "domestic-product spending cannot be negative",
    },
    "domestic_above_procurement": {
        "id": "belanja produk dalam negeri melebihi total belanja pengadaan",
        "en": "domestic-product spending exceeds the procurement total",
    },
    "score_out_of_range": {
        "id": "nilai komponen harus antara 0 dan 100",
        "en": "a component score must be between 0 and 100",
    },
    "opd_type_unknown": {
        "id": "jenis OPD harus salah satu dari {allowed}",
        "en": "opd_type must be one of {allowed}",
    },
    "active_window_reversed": {
        "id": "berlaku_sampai lebih awal dari berlaku_mulai",
        "en": "active_to is before active_from",
    },
    "measure_data_missing": {
        "id": "OPD tidak punya data triwulan ini untuk komponen yang dibutuhkan skemanya",
        "en": "the OPD has no rows this quarter for a component its scheme needs",
    },
}

# What a run says on the terminal: its progress, and why it did not publish.
# The outcome of a run as the terminal says it; the codes themselves (publication_log.status,
# run tags, quality.json) stay English.
STATUS_NAMES: dict[str, dict[Lang, str]] = {
    "published": {"id": "dipublikasikan", "en": "published"},
    "unchanged": {"id": "tidak berubah", "en": "unchanged"},
    "gate_failed": {"id": "gerbang kualitas gagal", "en": "gate_failed"},
    "error": {"id": "galat", "en": "error"},
}

RUN_MESSAGES: dict[str, dict[Lang, str]] = {
    "not_published": {
        "id": "{quarter}: TIDAK dipublikasikan ({status})",
        "en": "{quarter}: NOT published ({status})",
    },
    "published": {
        "id": "{quarter}: {status} (versi publikasi {version}{warnings})",
        "en": "{quarter}: {status} (publication version {version}{warnings})",
    },
    "warnings_in_report": {
        "id": ", {count} peringatan di laporan kualitas",
        "en": ", {count} warning(s) in the quality report",
    },
    "cause": {"id": "Penyebab:", "en": "Cause:"},
    "quarterly_report": {"id": "laporan triwulan: {path}", "en": "report: {path}"},
    "quarterly_report_not_written": {
        "id": "laporan triwulan tidak ditulis (publikasinya tetap berlaku): {error}",
        "en": "the quarterly report was not written (the publication stands): {error}",
    },
    "postgres_not_updated": {
        "id": "{quarter}: {status} di DuckDB (versi publikasi {version}); PostgreSQL TIDAK "
        "diperbarui",
        "en": "{quarter}: {status} in DuckDB (publication version {version}); PostgreSQL NOT "
        "updated",
    },
    "dataset_folder_empty": {
        "id": "folder {folder} tidak ada atau kosong, dan skema memerlukannya ({count} OPD tanpa "
        "data triwulan ini)",
        "en": "the folder {folder} is missing or empty, and the scheme needs it ({count} OPD "
        "without data this quarter)",
    },
    "dataset_rows_missing": {
        "id": "{folder}: {count} OPD tanpa data triwulan ini yang diperlukan skemanya: {examples}",
        "en": "{folder}: {count} OPD without the data this quarter their scheme needs: {examples}",
    },
    "more_findings": {
        "id": "… dan {count} temuan lain di laporan kualitas",
        "en": "… and {count} more finding(s) in the quality report",
    },
    "error_count": {
        "id": "{count} galat pada masukan",
        "en": "{count} error(s) in the input",
    },
    "quality_report": {"id": "laporan kualitas: {path}", "en": "quality report: {path}"},
    "full_log": {"id": "log lengkap: {path}", "en": "full log: {path}"},
    "failed_check": {
        "id": "pemeriksaan gagal: {check}",
        "en": "failed check: {check}",
    },
    "lock_conflict": {
        "id": "{file} sedang dibuka untuk menulis oleh proses PID {pid} ({what}: {command}); "
        "tutup program itu lalu jalankan ulang",
        "en": "{file} is held open for writing by process PID {pid} ({what}: {command}); "
        "close that program and run again",
    },
    "lock_conflict_unknown": {
        "id": "{file} sedang dikunci oleh proses lain: {detail}",
        "en": "{file} is locked by another process: {detail}",
    },
    "holder_gone": {"id": "proses sudah berakhir", "en": "the process has ended"},
    "holder_bi_tool": {"id": "kemungkinan alat BI", "en": "probably a BI tool"},
    "holder_duckdb_cli": {"id": "kemungkinan DuckDB CLI", "en": "probably the DuckDB CLI"},
    "holder_python": {"id": "program Python", "en": "a Python program"},
    "holder_rapor": {"id": "run rapor lain", "en": "another rapor run"},
    "holder_dbt": {"id": "proses dbt", "en": "a dbt process"},
    "holder_other": {"id": "program lain", "en": "another program"},
    "database_unreachable": {
        "id": "basis data tidak dapat dihubungi: {detail}",
        "en": "the database cannot be reached: {detail}",
    },
    "republication_refused": {
        "id": "{quarter} sudah dipublikasikan sebagai versi {version} dan hasil baru berbeda; "
        'publikasi ulang memerlukan alasan (rapor run … --reason "…")',
        "en": "{quarter} is already published as version {version} and the new result "
        'differs; republishing needs a reason (rapor run … --reason "…")',
    },
    "table_differs": {
        "id": "{table}: {count} baris berbeda (kunci {keys}; kolom {columns})",
        "en": "{table}: {count} row(s) differ (keys {keys}; columns {columns})",
    },
    "more_tables_differ": {
        "id": "… dan {count} tabel lain berbeda",
        "en": "… and {count} more table(s) differ",
    },
    "unexpected_error": {
        "id": "galat tak terduga: {last_line}",
        "en": "unexpected error: {last_line}",
    },
    "home_busy": {
        "id": "home {home} sedang dipakai run lain: PID {pid}, triwulan {quarter}, mulai "
        "{started_at}; sudah ditunggu {waited:.0f} dtk (--wait)",
        "en": "home {home} is in use by another run: PID {pid}, quarter {quarter}, started "
        "{started_at}; waited {waited:.0f}s (--wait)",
    },
    "waiting_for_lock": {
        "id": "menunggu run lain selesai (PID {pid}, triwulan {quarter}, mulai {started_at})…",
        "en": "waiting for another run to finish (PID {pid}, quarter {quarter}, started "
        "{started_at})…",
    },
    "interrupted": {
        "id": "{quarter}: dihentikan, tidak ada yang dipublikasikan ({signal})",
        "en": "{quarter}: interrupted, nothing published ({signal})",
    },
    "interrupted_after_publication": {
        "id": "{quarter}: dihentikan ({signal}) setelah versi {version} dipublikasikan utuh",
        "en": "{quarter}: interrupted ({signal}) after version {version} was published whole",
    },
    "nothing_new": {
        "id": "tidak ada berkas baru di inbox; triwulan dibangun ulang dari berkas yang dimuat "
        "sebelumnya: {files}",
        "en": "nothing new in the inbox; the quarter was rebuilt from files loaded earlier: "
        "{files}",
    },
    "scheme_invalid": {
        "id": "{file}: {path}: {message}",
        "en": "{file}: {path}: {message}",
    },
    "stage_ingest": {
        "id": "ingest   {seconds} dtk  {files} berkas ({loaded} dimuat, {already} sudah "
        "dimuat, {rejected} ditolak), {rows} baris, {findings} temuan",
        "en": "ingest   {seconds}s  {files} file(s) ({loaded} loaded, {already} already "
        "loaded, {rejected} rejected), {rows} rows, {findings} finding(s)",
    },
    "stage_checks": {
        "id": "checks   {seconds} dtk  {checks} pemeriksaan, {failed} gagal",
        "en": "checks   {seconds}s  {checks} check(s), {failed} failed",
    },
    "stage_build": {
        "id": "build    {seconds} dtk  {models} model, {tests} uji dbt, {failed} gagal",
        "en": "build    {seconds}s  {models} model(s), {tests} dbt test(s), {failed} failed",
    },
    "stage_publish": {
        "id": "publish  {seconds} dtk  {outcome}",
        "en": "publish  {seconds}s  {outcome}",
    },
    "stage_report": {
        "id": "report   {seconds} dtk  {path}",
        "en": "report   {seconds}s  {path}",
    },
    "stage_skipped": {"id": "tidak dijalankan", "en": "not run"},
    "stage_failed": {"id": "gagal", "en": "failed"},
}


# Why a scheme file is refused, by pydantic's error type (others keep pydantic's English text);
# `value_error` carries the scheme's own rule (e.g. weights that do not sum to 100).
SCHEME_RULES: dict[str, dict[Lang, str]] = {
    "greater_than_equal": {"id": "harus paling sedikit {ge}", "en": "must be at least {ge}"},
    "greater_than": {"id": "harus lebih dari {gt}", "en": "must be more than {gt}"},
    "less_than_equal": {"id": "harus paling banyak {le}", "en": "must be at most {le}"},
    "less_than": {"id": "harus kurang dari {lt}", "en": "must be less than {lt}"},
    "extra_forbidden": {
        "id": "kunci tidak dikenal dalam skema (salah ketik?)",
        "en": "not a key of the scheme (a typo?)",
    },
    "missing": {"id": "wajib diisi", "en": "is required"},
    "literal_error": {"id": "harus salah satu dari {expected}", "en": "must be one of {expected}"},
    "string_pattern_mismatch": {
        "id": "harus berpola {pattern}",
        "en": "must match the pattern {pattern}",
    },
    "weights_sum": {
        "id": "bobot komponen harus berjumlah 100, jumlahnya {total}",
        "en": "component weights must sum to 100, they sum to {total}",
    },
    "weights_partial": {
        "id": "beri bobot pada setiap komponen, atau tidak sama sekali (bobot sama)",
        "en": "give a weight to every component, or to none (equal weights)",
    },
    "yaml_invalid": {
        "id": "berkas bukan YAML yang sah",
        "en": "the file is not valid YAML",
    },
    "not_a_mapping": {
        "id": "berkas skema harus berupa pemetaan YAML (kunci: nilai)",
        "en": "a scheme file must be a YAML mapping (key: value)",
    },
}


# What the reader calls each column type in `unparseable_value`.
TYPE_NAMES: dict[str, dict[Lang, str]] = {
    "str": {"id": "teks", "en": "text"},
    "int": {"id": "bilangan bulat", "en": "a whole number"},
    "money": {"id": "jumlah rupiah", "en": "an amount of rupiah"},
    "num": {"id": "angka", "en": "a number"},
    "pct": {"id": "persentase", "en": "a percentage"},
    "month": {"id": "bulan (1–12 atau nama bulan)", "en": "a month (1–12 or a month name)"},
    "quarter": {
        "id": "triwulan (1–4, I–IV, TW I, Triwulan II, Q3)",
        "en": "a quarter (1–4, I–IV, TW I, Triwulan II, Q3)",
    },
    "date": {"id": "tanggal (mis. 31/03/2024)", "en": "a date (e.g. 31/03/2024)"},
    "ts": {
        "id": "tanggal dan jam (mis. 31/03/2024 10:15)",
        "en": "a date and time (e.g. 31/03/2024 10:15)",
    },
}

# Words that locate a finding, and the headings of the quality report.
WORDS: dict[str, dict[Lang, str]] = {
    "error": {"id": "GALAT", "en": "ERROR"},
    "warning": {"id": "PERINGATAN", "en": "WARNING"},
    "sheet": {"id": "lembar", "en": "sheet"},
    "line": {"id": "baris", "en": "line"},
    "column": {"id": "kolom", "en": "column"},
    "value": {"id": "nilai", "en": "value"},
    "or_opd_name": {
        "id": " (atau nama OPD: nama_opd, perangkat_daerah, instansi…)",
        "en": " (or the OPD name: nama_opd, perangkat_daerah, instansi…)",
    },
    "none_close": {"id": "tidak ada", "en": "none"},
    "report_title": {"id": "Laporan kualitas data", "en": "Data quality report"},
    "report_status": {"id": "Status", "en": "Status"},
    "report_stopping_checks": {
        "id": "Pemeriksaan yang menghentikan publikasi",
        "en": "Checks that stopped publication",
    },
    "report_none": {"id": "Tidak ada.", "en": "None."},
    "report_failed_rules": {
        "id": "Aturan yang gagal atau memberi peringatan",
        "en": "Rules failed or warned",
    },
    "report_all_passed": {"id": "Semua aturan lolos.", "en": "Every rule passed."},
    "report_rows": {
        "id": "Baris bermasalah (berkas, lembar, baris, kolom, nilai)",
        "en": "Rows located (file, sheet, line, column, value)",
    },
    "report_no_rows": {
        "id": "Tidak ada baris yang ditolak atau mencurigakan.",
        "en": "No rejected or suspicious rows.",
    },
    "report_completeness": {
        "id": "Kelengkapan per OPD (baris dalam triwulan; bulan untuk anggaran dan fisik)",
        "en": "Completeness per OPD (rows in the quarter; months for anggaran and fisik)",
    },
    "report_no_master": {"id": "Master OPD belum dimuat.", "en": "No OPD master loaded."},
    "report_all_rules": {"id": "Semua aturan", "en": "All rules"},
    "report_no_rules": {"id": "Tidak ada aturan yang dijalankan.", "en": "No rules were run."},
    "report_later_attempts": {
        "id": "Percobaan setelah publikasi yang berlaku (laporannya masing-masing)",
        "en": "Attempts after the publication in force (each with its report)",
    },
}

# The labels of the quarterly report (reports/quarterly.py): headings, column names, legends.
REPORT_LABELS: dict[str, dict[Lang, str]] = {
    "title": {"id": "Rapor Kinerja OPD", "en": "Agency Performance Report"},
    "quarter": {"id": "Triwulan {roman} {year}", "en": "Q{quarter} {year}"},
    "as_of": {"id": "keadaan per {date}", "en": "as of {date}"},
    "overview": {"id": "Ikhtisar wilayah", "en": "Overview of the regions"},
    "region": {"id": "Wilayah", "en": "Region"},
    "group": {"id": "Kelompok peringkat", "en": "Ranking group"},
    "opd_count": {"id": "Jumlah OPD", "en": "Agencies"},
    "mean_index": {"id": "Rata-rata indeks", "en": "Mean index"},
    "best": {"id": "Terbaik", "en": "Best"},
    "rank": {"id": "Peringkat", "en": "Rank"},
    "code": {"id": "Kode", "en": "Code"},
    "opd": {"id": "OPD", "en": "Agency"},
    "index": {"id": "Indeks", "en": "Index"},
    "zone": {"id": "Zona", "en": "Zone"},
    "predicate": {"id": "Predikat", "en": "Predicate"},
    "consequence": {"id": "Konsekuensi", "en": "Consequence"},
    "reward": {"id": "penghargaan", "en": "reward"},
    "sanction": {"id": "sanksi", "en": "sanction"},
    "none": {"id": "—", "en": "—"},
    "movement": {"id": "Perubahan", "en": "Movement"},
    "new": {"id": "baru", "en": "new"},
    "interval": {"id": "Rentang peringkat (P5–P95)", "en": "Rank interval (P5–P95)"},
    "uncertain": {"id": "konsekuensi tidak pasti", "en": "consequence uncertain"},
    "boundary_tie": {
        "id": "seri di batas penghargaan/sanksi",
        "en": "tied at the reward/sanction boundary",
    },
    "ranking": {"id": "Peringkat", "en": "Ranking"},
    "all_opd": {
        "id": "Semua OPD (klik judul kolom untuk mengurutkan)",
        "en": "Every agency (click a column heading to sort)",
    },
    "components": {"id": "Komponen (skor tertimbang)", "en": "Components (weighted scores)"},
    "warnings": {"id": "Peringatan dari gerbang mutu", "en": "Warnings from the quality gate"},
    "no_warnings": {"id": "Tidak ada peringatan.", "en": "No warnings."},
    "rows": {"id": "baris", "en": "rows"},
    "scheme": {"id": "Skema", "en": "Scheme"},
    "version": {"id": "Versi publikasi", "en": "Publication version"},
    "code_version": {"id": "Versi kode", "en": "Code version"},
    "published_at": {"id": "Diterbitkan", "en": "Published"},
    "reason": {"id": "Alasan terbit ulang", "en": "Reason for republication"},
    "back": {"id": "← Peringkat", "en": "← Ranking"},
    "back_overview": {"id": "← Ikhtisar", "en": "← Overview"},
    "history": {
        "id": "Indeks, peringkat dan zona, 8 triwulan terakhir",
        "en": "Index, rank and zone over the last 8 quarters",
    },
    "component_vs_median": {
        "id": "Skor komponen dibanding median kelompok",
        "en": "Component scores against the group's median",
    },
    "component": {"id": "Komponen", "en": "Component"},
    "score": {"id": "Skor", "en": "Score"},
    "weight": {"id": "Bobot", "en": "Weight"},
    "weighted": {"id": "Tertimbang", "en": "Weighted"},
    "median": {"id": "Median kelompok", "en": "Group median"},
    "excluded": {"id": "dikecualikan", "en": "excluded"},
    "indicators_under": {
        "id": "Indikator di bawah target (capaian < 100%)",
        "en": "Indicators under target (achievement < 100%)",
    },
    "no_indicators_under": {
        "id": "Semua indikator mencapai target.",
        "en": "Every indicator met its target.",
    },
    "indicator": {"id": "Indikator", "en": "Indicator"},
    "target": {"id": "Target", "en": "Target"},
    "realization": {"id": "Realisasi", "en": "Realisation"},
    "achievement": {"id": "Capaian", "en": "Achievement"},
    "target_source": {"id": "Asal target", "en": "Target origin"},
    "original": {"id": "target awal", "en": "original"},
    "revised": {"id": "revisi disetujui", "en": "approved revision"},
    "unreported": {"id": "tidak dilaporkan", "en": "not reported"},
    "source_line": {"id": "Baris data", "en": "Raw data line"},
    "revisions": {"id": "Usulan revisi target", "en": "Target revisions proposed"},
    "no_revisions": {"id": "Tidak ada usulan revisi.", "en": "No revision proposed."},
    "proposed": {"id": "Target usulan", "en": "Proposed target"},
    "status": {"id": "Keputusan", "en": "Decision"},
    "disetujui": {"id": "disetujui", "en": "approved"},
    "ditolak": {"id": "ditolak", "en": "rejected"},
    "diajukan": {"id": "diajukan (belum diputus)", "en": "pending"},
    "decided_at": {"id": "Tanggal keputusan", "en": "Decided on"},
    "revision_reason": {"id": "Alasan", "en": "Reason"},
    "absorption": {
        "id": "Serapan anggaran dibanding kurva target skema",
        "en": "Budget absorption against the scheme's target curve",
    },
    "absorption_pct": {"id": "Serapan", "en": "Absorption"},
    "absorption_target": {"id": "Target kumulatif skema", "en": "Scheme's cumulative target"},
    "quarter_short": {"id": "TW {quarter}", "en": "Q{quarter}"},
    "quarter_axis": {"id": "TW {roman}", "en": "Q{quarter}"},
    "budget": {"id": "Pagu", "en": "Budget (pagu)"},
    "no_budget": {"id": "Tidak ada data anggaran.", "en": "No budget data."},
    "physical": {"id": "Progres fisik", "en": "Physical progress"},
    "no_physical": {"id": "Tidak ada data fisik.", "en": "No physical progress data."},
    "complaints": {"id": "Tindak lanjut pengaduan", "en": "Complaint response"},
    "complaints_count": {"id": "Pengaduan", "en": "Complaints"},
    "in_sla_of": {
        "id": "{in_sla} dari {count}",
        "en": "{in_sla} of {count}",
    },
    "response_rate": {"id": "Tingkat tanggapan tepat waktu", "en": "Rate within the deadline"},
    "median_days": {"id": "Median hari kerja", "en": "Median working days"},
    "no_complaints": {"id": "Tidak ada pengaduan.", "en": "No complaints."},
    "audit": {"id": "Rencana pemeriksaan Inspektorat", "en": "Inspektorat audit plan"},
    "audit_visits": {
        "id": "{visits} kunjungan direncanakan pada {year} (skor risiko {risk})",
        "en": "{visits} visit(s) planned in {year} (risk score {risk})",
    },
    "no_audit": {"id": "Tidak ada rencana pemeriksaan.", "en": "No audit planned."},
    "trace": {
        "id": "Jejak audit angka-angka OPD ini",
        "en": "Audit trace of this agency's numbers",
    },
    "no_trace": {
        "id": "Jejak audit belum dibuat (rapor trace). Baris data mentah di balik setiap komponen:",
        "en": "No audit trace yet (rapor trace). The raw data lines behind each component:",
    },
    "raw_file": {"id": "Berkas", "en": "File"},
    "raw_lines": {"id": "Baris", "en": "Lines"},
    "raw_lines_counted": {
        "id": "{count} baris dihitung: {lines}",
        "en": "{count} counted: {lines}",
    },
    "raw_lines_none_counted": {"id": "tidak ada baris dihitung", "en": "none counted"},
    "raw_lines_not_counted": {
        "id": "{count} baris lain diperiksa, tidak dihitung",
        "en": "{count} more considered, not counted",
    },
    "chart_index": {"id": "indeks", "en": "index"},
    "opd_cards": {"id": "Kartu OPD", "en": "Agency cards"},
    "sheet_ranking": {"id": "Peringkat", "en": "Ranking"},
    "sheet_components": {"id": "Komponen", "en": "Components"},
    "download": {"id": "Unduh", "en": "Download"},
}


# What the report shows for the codes of a scheme (components, zones, SAKIP predicates): the
# codes of the shipped schemes and of PermenPAN-RB 88/2021; a region's own code is shown
# readable (`code_label`).
CODE_LABELS: dict[str, dict[str, dict[Lang, str]]] = {
    "component": {
        "budget_absorption": {"id": "Serapan anggaran", "en": "Budget absorption"},
        "physical_progress": {"id": "Realisasi fisik", "en": "Physical progress"},
        "indicator_achievement": {"id": "Capaian indikator", "en": "Indicator achievement"},
        "complaint_response": {"id": "Tindak lanjut pengaduan", "en": "Complaint response"},
        "p3dn": {"id": "Penggunaan produk dalam negeri (P3DN)", "en": "Domestic products (P3DN)"},
        "p3dn_usage": {
            "id": "Penggunaan produk dalam negeri (P3DN)",
            "en": "Domestic products (P3DN)",
        },
        "pengawasan": {"id": "Pengawasan", "en": "Supervision"},
        "perencanaan_pengendalian": {
            "id": "Perencanaan dan pengendalian pembangunan",
            "en": "Development planning and control",
        },
        "pelaporan_kinerja": {"id": "Pelaporan kinerja", "en": "Performance reporting"},
        "pengelolaan_anggaran_bmd": {
            "id": "Pengelolaan anggaran dan BMD",
            "en": "Budget and asset management",
        },
        "inovasi": {"id": "Inovasi", "en": "Innovation"},
        "pengadaan_barang_jasa": {"id": "Pengadaan barang/jasa", "en": "Procurement"},
    },
    "zone": {
        "hijau": {"id": "hijau", "en": "green"},
        "kuning": {"id": "kuning", "en": "yellow"},
        "merah": {"id": "merah", "en": "red"},
    },
    "predicate": {
        "AA": {"id": "AA (sangat memuaskan)", "en": "AA (very satisfactory)"},
        "A": {"id": "A (memuaskan)", "en": "A (satisfactory)"},
        "BB": {"id": "BB (sangat baik)", "en": "BB (very good)"},
        "B": {"id": "B (baik)", "en": "B (good)"},
        "CC": {"id": "CC (cukup)", "en": "CC (adequate)"},
        "C": {"id": "C (kurang)", "en": "C (poor)"},
        "D": {"id": "D (sangat kurang)", "en": "D (very poor)"},
    },
}


def text(rule: str, lang: Lang = DEFAULT_LANG, **params: object) -> str:
    """The message of `rule` in `lang`, its `{fields}` formatted from `params`."""
    return RULES[rule][lang].format(**params)


def word(key: str, lang: Lang = DEFAULT_LANG) -> str:
    return WORDS[key][lang]


def type_name(column_type: str, lang: Lang = DEFAULT_LANG) -> str:
    return TYPE_NAMES[column_type][lang]


def status_name(status: str, lang: Lang = DEFAULT_LANG) -> str:
    """A run's outcome code (`published`, `gate_failed`, …) as the terminal says it in `lang`."""
    return STATUS_NAMES.get(status, {}).get(lang, status)


def run_text(key: str, lang: Lang = DEFAULT_LANG, **params: object) -> str:
    """A run's terminal message `key` in `lang`."""
    return RUN_MESSAGES[key][lang].format(**params)


def label(key: str, lang: Lang = DEFAULT_LANG, **params: object) -> str:
    """A label of the quarterly report in `lang`, its `{fields}` formatted from `params`."""
    return REPORT_LABELS[key][lang].format(**params)


def code_label(kind: str, code: str | None, lang: Lang = DEFAULT_LANG) -> str:
    """What the report shows for a scheme's `code` of `kind` (component, zone, predicate): its
    label in `lang`, else the code with spaces for underscores (`dinas_baru` → `Dinas baru`)."""
    if code is None:
        return ""
    known = CODE_LABELS[kind].get(code)
    if known:
        return known[lang]
    readable = code.replace("_", " ")
    return readable[:1].upper() + readable[1:] if kind == "component" else readable
