"""The input contract (docs/inputs.md): datasets, their columns, types, header aliases, and the
period each row belongs to, which decides which rows of overlapping files count."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ColumnType = Literal["str", "int", "money", "num", "pct", "month", "quarter", "date", "ts"]
# How a dataset's rows map to periods, so that a corrected file can supersede an older one.
PeriodGrain = Literal["month", "quarter", "submitted_month", "none"]
# The (year, period) of a row of each grain, as SQL over the raw table's columns.
PERIOD_SQL: dict[PeriodGrain, tuple[str, str]] = {
    "month": ("year", "month"),
    "quarter": ("year", "quarter"),
    "submitted_month": ("year(submitted_at)", "month(submitted_at)"),
    "none": ("0", "0"),
}
# The schema of one view per dataset holding its current rows (see `Dataset.current_rows_sql`).
CURRENT_ROWS_SCHEMA = "current_rows"
# every row ever loaded, each flagged `_is_current`: what the lineage lists, superseded rows too
LOADED_ROWS_SCHEMA = "loaded_rows"

# How each column type is stored in the warehouse: money as exact rupiah, numbers exact decimals.
STORAGE_TYPE: dict[ColumnType, str] = {
    "str": "varchar",
    "int": "integer",
    "money": "decimal(20, 2)",
    "num": "decimal(24, 6)",
    "pct": "decimal(12, 4)",
    "month": "tinyint",
    "quarter": "tinyint",
    "date": "date",
    "ts": "timestamp",
}


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    required: bool = False
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Dataset:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    period_grain: PeriodGrain

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def header_columns(self) -> tuple[Column, ...]:
        """The columns a file's header may name: the contract's, and the OPD by name (every
        dataset but the master itself)."""
        return self.columns if self.name == "opd" else (*self.columns, OPD_NAME_REF)

    @property
    def dropped(self) -> tuple[str, ...]:
        return PERSONAL_DATA

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    @property
    def current_rows(self) -> str:
        """The relation of the dataset's current rows, which staging, suites and reports read."""
        return f"{CURRENT_ROWS_SCHEMA}.{self.name}"

    def _is_current_sql(self) -> str:
        """Whether a raw row counts: its file has not been superseded, for the row's period, by a
        corrected file of the same dataset (`raw.file_periods`). An IN over the three columns,
        not a correlated EXISTS: DuckDB plans it as a hash join on the small periods table."""
        year_sql, period_sql = PERIOD_SQL[self.period_grain]
        return (
            f"(_file_sha256, {year_sql}, {period_sql}) in ("
            "select periods.file_sha256, periods.year, periods.period from raw.file_periods "
            f"as periods where periods.dataset = '{self.name}' and periods.superseded_by is null)"
        )

    def current_rows_sql(self) -> str:
        """The view of the rows that count."""
        return (
            f"create or replace view {self.current_rows} as select * from raw.{self.name} "
            f"where {self._is_current_sql()}"
        )

    def loaded_rows_sql(self) -> str:
        """The view of every row loaded, with `_is_current`: the lineage lists the rows that
        do not count too, and tells them apart without joining the current rows back."""
        return (
            f"create or replace view {LOADED_ROWS_SCHEMA}.{self.name} as select *, "
            f"{self._is_current_sql()} as _is_current from raw.{self.name}"
        )


OPD_REF = Column(
    "opd_code",
    "str",
    True,
    ("kode_opd", "kode_skpd", "kode_unit"),
)
YEAR = Column("year", "int", True, ("tahun", "ta", "tahun_anggaran"))
MONTH = Column("month", "month", True, ("bulan", "periode"))
QUARTER = Column("quarter", "quarter", True, ("triwulan", "tw"))
SUB_ACTIVITY = Column("sub_activity_code", "str", True, ("kode_sub_kegiatan", "kode_subkegiatan"))
INDICATOR = Column("indicator_code", "str", True, ("kode_indikator",))
# An OPD named instead of coded: resolved to `opd_code` against the OPD master while loading.
OPD_NAME_REF = Column(
    "opd_name",
    "str",
    False,
    ("nama_opd", "nama_skpd", "perangkat_daerah", "instansi", "instansi_tujuan", "disposisi"),
)
# UU 27/2022 (personal data): these columns are never read, whatever the dataset, so they reach
# neither the warehouse nor the archive copy nor any message (docs/inputs.md#personal-data).
PERSONAL_DATA = (
    "nama_pelapor",
    "pelapor",
    "nik",
    "no_ktp",
    "telepon",
    "no_telepon",
    "no_telp",
    "no_hp",
    "nomor_hp",
    "email",
    "e-mail",
    "alamat",
    "alamat_pelapor",
    "isi_laporan",
    "isi_pengaduan",
)

DATASETS: dict[str, Dataset] = {
    d.name: d
    for d in (
        Dataset(
            "opd",
            (
                Column("opd_code", "str", True, ("kode_opd", "kode_skpd", "kode_unit", "kode")),
                Column(
                    "opd_name", "str", True, ("nama_opd", "nama_skpd", "perangkat_daerah", "nama")
                ),
                Column("opd_type", "str", False, ("jenis", "jenis_opd")),
                Column("aliases", "str", False, ("alias", "nama_lain")),
                Column("region_code", "str", False, ("kode_wilayah", "kode_pemda")),
                Column("region_name", "str", False, ("nama_pemda", "pemda")),
                Column("active_from", "date", False, ("berlaku_mulai",)),
                Column("active_to", "date", False, ("berlaku_sampai",)),
            ),
            key=("opd_code",),
            period_grain="none",
        ),
        Dataset(
            "anggaran",
            (
                YEAR,
                MONTH,
                OPD_REF,
                SUB_ACTIVITY,
                Column("sub_activity_name", "str", False, ("nama_sub_kegiatan", "uraian")),
                Column(
                    "budget",
                    "money",
                    True,
                    ("pagu", "anggaran", "pagu_anggaran", "anggaran_setelah_perubahan"),
                ),
                Column("realization_month", "money", False, ("realisasi", "realisasi_bulan_ini")),
                Column(
                    "realization_ytd",
                    "money",
                    False,
                    ("realisasi_sd_bulan_ini", "realisasi_kumulatif"),
                ),
            ),
            key=("year", "month", "opd_code", "sub_activity_code"),
            period_grain="month",
        ),
        Dataset(
            "fisik",
            (
                YEAR,
                MONTH,
                OPD_REF,
                SUB_ACTIVITY,
                Column("physical_target_pct", "pct", True, ("target_fisik",)),
                Column(
                    "physical_realization_pct", "pct", True, ("realisasi_fisik", "progres_fisik")
                ),
            ),
            key=("year", "month", "opd_code", "sub_activity_code"),
            period_grain="month",
        ),
        Dataset(
            "indikator",
            (
                YEAR,
                QUARTER,
                OPD_REF,
                INDICATOR,
                Column("indicator_name", "str", False, ("nama_indikator", "indikator")),
                Column("level", "str", False, ("jenis_indikator", "tingkat")),
                Column("unit", "str", False, ("satuan",)),
                Column("polarity", "str", True, ("polaritas", "arah")),
                Column("target", "num", True, ("target",)),
                Column("realization", "num", False, ("realisasi", "capaian_realisasi")),
                Column("weight", "num", False, ("bobot",)),
            ),
            key=("year", "quarter", "opd_code", "indicator_code"),
            period_grain="quarter",
        ),
        Dataset(
            "revisi_target",
            (
                YEAR,
                QUARTER,
                OPD_REF,
                INDICATOR,
                Column("original_target", "num", False, ("target_awal",)),
                Column("proposed_target", "num", True, ("target_usulan",)),
                Column("status", "str", True, ("status",)),
                Column("decided_at", "date", False, ("tanggal_keputusan",)),
                Column("reason", "str", False, ("alasan",)),
            ),
            key=("year", "quarter", "opd_code", "indicator_code", "status", "decided_at"),
            period_grain="quarter",
        ),
        Dataset(
            "pengaduan",
            (
                Column("tracking_id", "str", True, ("no_tiket", "id_laporan")),
                Column("submitted_at", "ts", True, ("tanggal_laporan", "waktu_lapor")),
                OPD_REF,
                Column("category", "str", False, ("kategori",)),
                Column("status", "str", True, ("status",)),
                Column(
                    "first_response_at",
                    "ts",
                    False,
                    ("tanggal_tindak_lanjut", "waktu_respon_pertama"),
                ),
                Column("closed_at", "ts", False, ("tanggal_selesai",)),
            ),
            key=("tracking_id",),
            period_grain="submitted_month",
        ),
        Dataset(
            "p3dn",
            (
                YEAR,
                QUARTER,
                OPD_REF,
                Column(
                    "procurement_total",
                    "money",
                    True,
                    ("total_belanja_pengadaan", "belanja_pengadaan"),
                ),
                Column("domestic_total", "money", True, ("belanja_pdn", "realisasi_pdn")),
            ),
            key=("year", "quarter", "opd_code"),
            period_grain="quarter",
        ),
        Dataset(
            "komponen",
            (
                YEAR,
                QUARTER,
                OPD_REF,
                Column("component", "str", True, ("komponen", "aspek")),
                Column("score", "pct", True, ("nilai", "skor")),
                Column("assessor", "str", False, ("penilai",)),
            ),
            key=("year", "quarter", "opd_code", "component"),
            period_grain="quarter",
        ),
    )
}


def canonical_columns(dataset: str) -> tuple[str, ...]:
    """The canonical header of `dataset`, in the contract's order."""
    return tuple(c.name for c in DATASETS[dataset].columns)
