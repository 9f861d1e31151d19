"""Government affairs (urusan) of the agencies: sub-activities, outcome indicators, complaints.

Sub-activity codes follow Permendagri 90/2019: `urusan.bidang.program.2.kegiatan.sub_kegiatan`,
where program `01` is the support programme every agency runs (salaries, office, assets).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# How a sub-activity spends its money over the year, see `budget.py`.
Kind = Literal["gaji", "rutin", "program", "konstruksi"]


@dataclass(frozen=True)
class Outcome:
    """An outcome indicator an agency of the sector may commit to (IKU or programme level)."""

    name: str
    unit: str
    low: float
    high: float
    polarity: Literal["positif", "negatif"] = "positif"
    # counts accumulate over the year (quarter q's target is q/4 of the annual one)
    cumulative: bool = False


@dataclass(frozen=True)
class Sector:
    code: str
    activities: tuple[tuple[str, Kind], ...]
    outcomes: tuple[Outcome, ...]
    complaint_categories: tuple[str, ...]
    # relative number of SP4N LAPOR complaints and relative budget size
    complaint_weight: float = 0.4
    size: float = 1.0


# Program 01, kegiatan 2.xx: (kegiatan, sub-kegiatan, name, kind); salaries come first.
SUPPORT_ACTIVITIES: tuple[tuple[int, int, str, Kind], ...] = (
    (2, 1, "Penyediaan Gaji dan Tunjangan ASN", "gaji"),
    (1, 1, "Penyusunan Dokumen Perencanaan Perangkat Daerah", "rutin"),
    (
        1,
        6,
        "Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD",
        "rutin",
    ),
    (2, 5, "Koordinasi dan Penyusunan Laporan Keuangan Akhir Tahun SKPD", "rutin"),
    (5, 9, "Pendidikan dan Pelatihan Pegawai Berdasarkan Tugas dan Fungsi", "program"),
    (6, 1, "Penyediaan Komponen Instalasi Listrik/Penerangan Bangunan Kantor", "rutin"),
    (6, 2, "Penyediaan Peralatan dan Perlengkapan Kantor", "rutin"),
    (6, 4, "Penyediaan Bahan Logistik Kantor", "rutin"),
    (6, 5, "Penyediaan Barang Cetakan dan Penggandaan", "rutin"),
    (6, 9, "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD", "rutin"),
    (7, 2, "Pengadaan Kendaraan Dinas Operasional atau Lapangan", "program"),
    (8, 1, "Penyediaan Jasa Surat Menyurat", "rutin"),
    (8, 2, "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik", "rutin"),
    (8, 4, "Penyediaan Jasa Pelayanan Umum Kantor", "rutin"),
    (
        9,
        2,
        "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak dan Perizinan Kendaraan Dinas",
        "rutin",
    ),
    (9, 9, "Pemeliharaan/Rehabilitasi Gedung Kantor dan Bangunan Lainnya", "konstruksi"),
)

# Programme indicators any agency may report besides its sector's outcomes.
GENERIC_OUTCOMES: tuple[Outcome, ...] = (
    Outcome("Nilai evaluasi SAKIP perangkat daerah", "nilai", 65, 80),
    Outcome("Indeks kepuasan masyarakat atas layanan perangkat daerah", "nilai", 78, 88),
    Outcome("Persentase rekomendasi hasil pemeriksaan yang ditindaklanjuti", "%", 85, 100),
    Outcome("Persentase dokumen perencanaan dan pelaporan yang tepat waktu", "%", 90, 100),
    Outcome("Persentase ASN yang mengikuti pengembangan kompetensi", "%", 60, 90),
    Outcome("Rata-rata waktu penyelesaian layanan administrasi", "hari", 2, 7, "negatif"),
    Outcome("Jumlah dokumen laporan kinerja yang disusun", "dokumen", 4, 8, cumulative=True),
)

SECTORS: dict[str, Sector] = {
    "sekretariat_daerah": Sector(
        "4.01",
        (
            ("Fasilitasi Penyusunan Produk Hukum Daerah", "program"),
            ("Pelaksanaan Kebijakan Pengadaan Barang dan Jasa", "program"),
            ("Penataan Organisasi dan Tata Laksana", "program"),
            ("Fasilitasi Kerja Sama Daerah", "program"),
            ("Pelayanan Keprotokolan dan Komunikasi Pimpinan", "rutin"),
            ("Koordinasi Kebijakan Kesejahteraan Rakyat", "program"),
        ),
        (
            Outcome("Indeks reformasi birokrasi", "nilai", 65, 78),
            Outcome("Persentase produk hukum daerah yang ditetapkan tepat waktu", "%", 85, 100),
            Outcome("Persentase paket pengadaan yang selesai ditenderkan", "%", 90, 100),
        ),
        ("Pelayanan Publik", "Kepegawaian", "Pengadaan Barang dan Jasa"),
        0.5,
        2.5,
    ),
    "sekretariat_dprd": Sector(
        "4.02",
        (
            ("Pembahasan Rancangan Peraturan Daerah", "program"),
            ("Pelaksanaan Reses Anggota DPRD", "program"),
            ("Penyelenggaraan Rapat Paripurna dan Rapat Alat Kelengkapan DPRD", "rutin"),
            ("Penyediaan Hak Keuangan dan Administratif Pimpinan dan Anggota DPRD", "rutin"),
        ),
        (
            Outcome("Persentase rancangan peraturan daerah yang dibahas", "%", 80, 100),
            Outcome("Jumlah kegiatan reses yang difasilitasi", "kegiatan", 6, 9, cumulative=True),
        ),
        ("Pelayanan Publik", "Politik dan Hukum"),
        0.2,
        2.0,
    ),
    "inspektorat": Sector(
        "6.01",
        (
            ("Penyelenggaraan Pengawasan Internal", "program"),
            ("Reviu Laporan Keuangan Pemerintah Daerah", "program"),
            ("Evaluasi Sistem Akuntabilitas Kinerja Instansi Pemerintah", "program"),
            ("Pendampingan dan Asistensi Reformasi Birokrasi", "program"),
        ),
        (
            Outcome("Level maturitas SPIP", "level", 3, 3.5),
            Outcome("Kapabilitas APIP", "level", 3, 3),
            Outcome(
                "Jumlah laporan hasil pemeriksaan yang diterbitkan",
                "dokumen",
                30,
                60,
                cumulative=True,
            ),
        ),
        ("Kepegawaian", "Pelayanan Publik"),
        0.2,
        0.8,
    ),
    "perencanaan": Sector(
        "5.01",
        (
            ("Penyusunan Rencana Kerja Pemerintah Daerah", "program"),
            ("Penyusunan Rencana Pembangunan Jangka Menengah Daerah", "program"),
            ("Monitoring dan Evaluasi Pelaksanaan Rencana Pembangunan Daerah", "program"),
            ("Koordinasi Musyawarah Perencanaan Pembangunan", "program"),
        ),
        (
            Outcome("Persentase konsistensi program RKPD dengan RPJMD", "%", 90, 100),
            Outcome(
                "Jumlah dokumen perencanaan daerah yang ditetapkan",
                "dokumen",
                3,
                6,
                cumulative=True,
            ),
        ),
        ("Pembangunan", "Pelayanan Publik"),
        0.2,
        0.9,
    ),
    "keuangan": Sector(
        "5.02",
        (
            ("Penyusunan Rancangan Peraturan Daerah tentang APBD", "program"),
            ("Penyusunan Laporan Keuangan Pemerintah Daerah", "program"),
            ("Pengelolaan Barang Milik Daerah", "program"),
            ("Pendataan dan Penetapan Pajak Bumi dan Bangunan Perdesaan dan Perkotaan", "program"),
            ("Penagihan Pajak Daerah", "program"),
        ),
        (
            Outcome("Persentase realisasi belanja daerah", "%", 92, 98),
            Outcome("Persentase realisasi pendapatan asli daerah", "%", 95, 100),
            Outcome("Persentase aset daerah yang bersertifikat", "%", 70, 90),
        ),
        ("Perpajakan", "Pelayanan Publik"),
        1.0,
        1.5,
    ),
    "kepegawaian": Sector(
        "5.03",
        (
            ("Pengadaan, Pemberhentian dan Informasi Kepegawaian ASN", "program"),
            ("Pengembangan Kompetensi ASN", "program"),
            ("Penilaian dan Evaluasi Kinerja Aparatur", "program"),
            ("Mutasi dan Promosi ASN", "rutin"),
        ),
        (
            Outcome("Indeks profesionalitas ASN", "nilai", 70, 80),
            Outcome("Persentase ASN yang memenuhi standar kompetensi jabatan", "%", 70, 90),
        ),
        ("Kepegawaian",),
        0.4,
        0.8,
    ),
    "riset": Sector(
        "5.05",
        (
            ("Penelitian dan Pengembangan Daerah", "program"),
            ("Fasilitasi Inovasi Daerah", "program"),
            ("Koordinasi Kelitbangan dengan Perangkat Daerah", "rutin"),
        ),
        (
            Outcome("Indeks inovasi daerah", "nilai", 50, 70),
            Outcome("Jumlah inovasi daerah yang diterapkan", "inovasi", 20, 40, cumulative=True),
        ),
        ("Pelayanan Publik",),
        0.1,
        0.5,
    ),
    "kesbangpol": Sector(
        "8.01",
        (
            ("Pembinaan Wawasan Kebangsaan", "program"),
            ("Fasilitasi Forum Kerukunan Umat Beragama", "program"),
            ("Pembinaan Organisasi Kemasyarakatan", "program"),
            ("Pendidikan Politik Masyarakat", "program"),
        ),
        (
            Outcome("Persentase konflik sosial yang tertangani", "%", 90, 100),
            Outcome("Jumlah kasus konflik sosial", "kasus", 2, 6, "negatif", cumulative=True),
        ),
        ("Politik dan Hukum", "Ketenteraman dan Ketertiban Umum"),
        0.3,
        0.6,
    ),
    "kebencanaan": Sector(
        "1.05",
        (
            ("Sosialisasi, Komunikasi, Informasi dan Edukasi Rawan Bencana", "program"),
            ("Penyusunan Kajian Risiko Bencana", "program"),
            ("Respon Cepat Darurat Bencana", "program"),
            ("Penyediaan Logistik Penanganan Darurat Bencana", "program"),
            ("Rehabilitasi dan Rekonstruksi Pascabencana", "konstruksi"),
        ),
        (
            Outcome("Indeks ketahanan daerah", "nilai", 0.5, 0.7),
            Outcome("Persentase kejadian bencana yang direspons kurang dari 24 jam", "%", 95, 100),
        ),
        ("Bencana Alam", "Lingkungan Hidup dan Kebersihan"),
        0.5,
        0.7,
    ),
    "pemadam_kebakaran": Sector(
        "1.05",
        (
            (
                "Pencegahan, Pengendalian, Pemadaman, Penyelamatan dan Penanganan Bahan Berbahaya",
                "program",
            ),
            ("Pengadaan Sarana dan Prasarana Pemadam Kebakaran", "program"),
            ("Inspeksi Peralatan Proteksi Kebakaran", "program"),
        ),
        (
            Outcome("Waktu tanggap penanganan kebakaran", "menit", 12, 15, "negatif"),
            Outcome("Persentase kejadian kebakaran yang tertangani", "%", 95, 100),
        ),
        ("Bencana Alam", "Ketenteraman dan Ketertiban Umum"),
        0.5,
        0.7,
    ),
    "pendidikan": Sector(
        "1.01",
        (
            ("Pembangunan Ruang Kelas Baru", "konstruksi"),
            ("Rehabilitasi Sedang/Berat Ruang Kelas Sekolah", "konstruksi"),
            ("Pengelolaan Dana BOS Sekolah Dasar", "program"),
            ("Pengelolaan Dana BOS Sekolah Menengah Pertama", "program"),
            ("Penyediaan Pendidik dan Tenaga Kependidikan bagi Satuan PAUD", "program"),
            ("Pengadaan Perlengkapan Sekolah", "program"),
            ("Pelestarian Kesenian Tradisional", "program"),
        ),
        (
            Outcome("Angka partisipasi murni SD/MI", "%", 97, 100),
            Outcome("Angka partisipasi murni SMP/MTs", "%", 85, 95),
            Outcome("Persentase sekolah terakreditasi minimal B", "%", 85, 98),
            Outcome("Angka putus sekolah", "%", 0.1, 0.5, "negatif"),
        ),
        ("Pendidikan", "Kebudayaan"),
        2.0,
        5.0,
    ),
    "kesehatan": Sector(
        "1.02",
        (
            ("Pengelolaan Pelayanan Kesehatan Ibu Hamil", "program"),
            ("Pengelolaan Pelayanan Kesehatan Balita", "program"),
            ("Pengelolaan Pelayanan Kesehatan Orang dengan Tuberkulosis", "program"),
            ("Pengelolaan Jaminan Kesehatan Masyarakat", "program"),
            ("Penyediaan Obat, Vaksin, Bahan Medis Habis Pakai", "program"),
            ("Pengelolaan Pelayanan Kesehatan Gizi Masyarakat", "program"),
            ("Rehabilitasi dan Pemeliharaan Puskesmas", "konstruksi"),
        ),
        (
            Outcome(
                "Angka kematian ibu per 100.000 kelahiran hidup",
                "per 100.000 KH",
                60,
                90,
                "negatif",
            ),
            Outcome("Prevalensi stunting pada balita", "%", 10, 16, "negatif"),
            Outcome("Persentase penduduk yang memiliki jaminan kesehatan", "%", 95, 100),
            Outcome("Cakupan imunisasi dasar lengkap", "%", 90, 98),
        ),
        ("Kesehatan",),
        2.0,
        3.5,
    ),
    "rumah_sakit": Sector(
        "1.02",
        (
            ("Pelayanan dan Penunjang Pelayanan BLUD", "program"),
            (
                "Pengadaan Alat Kesehatan/Alat Penunjang Medik Fasilitas Pelayanan Kesehatan",
                "program",
            ),
            ("Pengembangan Rumah Sakit", "konstruksi"),
            ("Pemeliharaan Sarana Fasilitas Pelayanan Kesehatan", "konstruksi"),
        ),
        (
            Outcome("Bed occupancy rate", "%", 65, 80),
            Outcome("Rata-rata waktu tunggu rawat jalan", "menit", 45, 60, "negatif"),
            Outcome("Net death rate", "permil", 15, 25, "negatif"),
            Outcome("Indeks kepuasan pasien", "nilai", 80, 90),
        ),
        ("Kesehatan", "Pelayanan Publik"),
        2.5,
        3.0,
    ),
    "puskesmas": Sector(
        "1.02",
        (
            ("Operasional Pelayanan Puskesmas", "rutin"),
            ("Pelayanan Kesehatan Ibu dan Anak", "program"),
            ("Pelayanan Imunisasi", "program"),
            ("Penyelenggaraan Posyandu", "program"),
        ),
        (
            Outcome("Cakupan kunjungan ibu hamil K6", "%", 85, 95),
            Outcome("Cakupan imunisasi dasar lengkap", "%", 90, 98),
            Outcome("Jumlah kasus gizi buruk", "kasus", 3, 8, "negatif", cumulative=True),
        ),
        ("Kesehatan",),
        0.8,
        0.6,
    ),
    "laboratorium": Sector(
        "1.02",
        (
            ("Pemeriksaan Laboratorium Kesehatan Masyarakat", "program"),
            ("Pengadaan Reagen dan Bahan Habis Pakai Laboratorium", "program"),
            ("Kalibrasi Alat Laboratorium", "rutin"),
        ),
        (
            Outcome("Jumlah sampel yang diperiksa", "sampel", 3000, 6000, cumulative=True),
            Outcome("Rata-rata waktu penyelesaian hasil pemeriksaan", "hari", 2, 4, "negatif"),
        ),
        ("Kesehatan",),
        0.2,
        0.3,
    ),
    "pekerjaan_umum": Sector(
        "1.03",
        (
            ("Pembangunan Jalan", "konstruksi"),
            ("Rehabilitasi Jalan", "konstruksi"),
            ("Pemeliharaan Berkala Jalan", "konstruksi"),
            ("Pembangunan Jembatan", "konstruksi"),
            ("Pembangunan Saluran Drainase", "konstruksi"),
            ("Operasi dan Pemeliharaan Sistem Drainase", "program"),
            ("Penyusunan Rencana Detail Tata Ruang", "program"),
            ("Pembangunan Sistem Penyediaan Air Minum", "konstruksi"),
        ),
        (
            Outcome("Persentase jalan dalam kondisi mantap", "%", 80, 92),
            Outcome("Persentase jalan dalam kondisi rusak", "%", 8, 15, "negatif"),
            Outcome("Panjang jalan yang ditingkatkan", "km", 4, 12, cumulative=True),
            Outcome("Luas genangan banjir", "ha", 5, 15, "negatif"),
        ),
        ("Infrastruktur", "Lingkungan Hidup dan Kebersihan"),
        3.0,
        4.0,
    ),
    "perumahan": Sector(
        "1.04",
        (
            ("Rehabilitasi Rumah Tidak Layak Huni", "konstruksi"),
            ("Perbaikan Kawasan Permukiman Kumuh", "konstruksi"),
            ("Penyediaan Prasarana, Sarana dan Utilitas Umum", "konstruksi"),
            ("Pengelolaan Penerangan Jalan Umum", "program"),
            ("Pemeliharaan Taman dan Ruang Terbuka Hijau Publik", "program"),
        ),
        (
            Outcome("Luas kawasan permukiman kumuh", "ha", 10, 25, "negatif"),
            Outcome(
                "Jumlah rumah tidak layak huni yang direhabilitasi",
                "unit",
                60,
                150,
                cumulative=True,
            ),
            Outcome("Persentase ruas jalan dengan penerangan jalan umum", "%", 75, 90),
        ),
        ("Infrastruktur", "Perumahan"),
        2.0,
        2.0,
    ),
    "ketertiban": Sector(
        "1.05",
        (
            ("Penanganan Gangguan Ketenteraman dan Ketertiban Umum", "program"),
            ("Penegakan Peraturan Daerah dan Peraturan Kepala Daerah", "program"),
            ("Pembinaan Satuan Perlindungan Masyarakat", "program"),
            ("Patroli Wilayah Rawan Gangguan Ketertiban", "rutin"),
        ),
        (
            Outcome("Persentase gangguan trantibum yang tertangani", "%", 90, 100),
            Outcome("Persentase pelanggaran peraturan daerah yang ditindaklanjuti", "%", 85, 100),
        ),
        ("Ketenteraman dan Ketertiban Umum",),
        1.5,
        1.0,
    ),
    "sosial": Sector(
        "1.06",
        (
            ("Rehabilitasi Sosial Dasar Penyandang Disabilitas Terlantar", "program"),
            ("Pengelolaan Data Fakir Miskin Cakupan Daerah", "program"),
            ("Penyaluran Bantuan Sosial bagi Keluarga Rentan", "program"),
            ("Perlindungan Sosial Korban Bencana Alam dan Sosial", "program"),
        ),
        (
            Outcome("Persentase PMKS yang memperoleh bantuan sosial", "%", 80, 95),
            Outcome("Persentase PMKS yang belum tertangani", "%", 5, 15, "negatif"),
            Outcome(
                "Jumlah keluarga penerima manfaat yang dimutakhirkan",
                "KK",
                500,
                1500,
                cumulative=True,
            ),
        ),
        ("Sosial", "Bantuan Sosial"),
        1.5,
        1.2,
    ),
    "tenaga_kerja": Sector(
        "2.07",
        (
            ("Pelatihan Berbasis Kompetensi", "program"),
            ("Penempatan Tenaga Kerja", "program"),
            ("Pengembangan Bursa Kerja dan Informasi Pasar Kerja", "program"),
            ("Penyelesaian Perselisihan Hubungan Industrial", "rutin"),
        ),
        (
            Outcome("Tingkat pengangguran terbuka", "%", 4, 7, "negatif"),
            Outcome("Jumlah pencari kerja yang ditempatkan", "orang", 300, 800, cumulative=True),
        ),
        ("Ketenagakerjaan",),
        0.6,
        0.6,
    ),
    "perempuan_anak": Sector(
        "2.08",
        (
            ("Pelembagaan Pengarusutamaan Gender", "program"),
            ("Pencegahan Kekerasan terhadap Perempuan", "program"),
            ("Penyediaan Layanan Perlindungan Khusus Anak", "program"),
            ("Penguatan Kota Layak Anak", "program"),
        ),
        (
            Outcome("Indeks pembangunan gender", "nilai", 92, 96),
            Outcome(
                "Persentase kasus kekerasan terhadap perempuan dan anak yang tertangani",
                "%",
                95,
                100,
            ),
        ),
        ("Sosial", "Perlindungan Anak"),
        0.5,
        0.5,
    ),
    "pangan_pertanian": Sector(
        "3.27",
        (
            ("Penyediaan Benih, Bibit dan Pupuk", "program"),
            ("Pengendalian dan Penanggulangan Organisme Pengganggu Tumbuhan", "program"),
            ("Pengendalian dan Penanggulangan Penyakit Hewan Menular Strategis", "program"),
            ("Penyuluhan Pertanian", "program"),
            ("Penyediaan dan Penyaluran Cadangan Pangan", "program"),
        ),
        (
            Outcome("Skor pola pangan harapan", "nilai", 85, 92),
            Outcome("Persentase pangan segar yang memenuhi syarat keamanan pangan", "%", 90, 100),
            Outcome("Produksi padi", "ton", 2000, 8000, cumulative=True),
        ),
        ("Pertanian dan Peternakan", "Ketahanan Pangan"),
        0.4,
        0.9,
    ),
    "lingkungan_hidup": Sector(
        "2.11",
        (
            ("Pengelolaan Sampah", "program"),
            ("Penyediaan Sarana dan Prasarana Pengelolaan Sampah", "konstruksi"),
            ("Pengendalian Pencemaran Udara dan Air", "program"),
            ("Pengawasan Izin Lingkungan Hidup", "program"),
        ),
        (
            Outcome("Indeks kualitas lingkungan hidup", "nilai", 60, 70),
            Outcome("Persentase sampah yang tertangani", "%", 75, 90),
            Outcome("Volume sampah yang tidak terangkut", "ton/hari", 5, 15, "negatif"),
        ),
        ("Lingkungan Hidup dan Kebersihan",),
        2.0,
        1.8,
    ),
    "kependudukan": Sector(
        "2.12",
        (
            ("Pelayanan Pendaftaran Penduduk", "program"),
            ("Penerbitan Dokumen Pencatatan Sipil", "program"),
            ("Pengelolaan Data Kependudukan", "program"),
            ("Pelayanan Jemput Bola Perekaman KTP Elektronik", "program"),
        ),
        (
            Outcome("Persentase penduduk wajib KTP yang memiliki KTP elektronik", "%", 97, 100),
            Outcome("Persentase anak yang memiliki akta kelahiran", "%", 95, 100),
            Outcome("Rata-rata waktu penerbitan dokumen kependudukan", "hari", 1, 3, "negatif"),
        ),
        ("Kependudukan",),
        2.5,
        0.7,
    ),
    "keluarga_berencana": Sector(
        "2.14",
        (
            ("Pendataan Keluarga", "program"),
            ("Penyediaan Alat dan Obat Kontrasepsi", "program"),
            ("Percepatan Penurunan Stunting", "program"),
            ("Pembinaan Kelompok Bina Keluarga Balita", "program"),
        ),
        (
            Outcome("Angka prevalensi pemakaian kontrasepsi modern", "%", 60, 70),
            Outcome("Persentase kebutuhan ber-KB yang tidak terpenuhi", "%", 7, 12, "negatif"),
        ),
        ("Sosial", "Kesehatan"),
        0.4,
        0.6,
    ),
    "perhubungan": Sector(
        "2.15",
        (
            ("Penyediaan Perlengkapan Jalan (Rambu dan Marka)", "konstruksi"),
            ("Pengelolaan Terminal Penumpang", "rutin"),
            ("Pengujian Berkala Kendaraan Bermotor", "program"),
            ("Pengelolaan Parkir Tepi Jalan Umum", "program"),
            ("Pemeliharaan Alat Pemberi Isyarat Lalu Lintas", "program"),
        ),
        (
            Outcome(
                "Jumlah kecelakaan lalu lintas", "kejadian", 40, 90, "negatif", cumulative=True
            ),
            Outcome("Persentase kelengkapan rambu dan marka jalan", "%", 75, 90),
        ),
        ("Perhubungan", "Infrastruktur"),
        2.0,
        1.0,
    ),
    "komunikasi": Sector(
        "2.16",
        (
            ("Pengelolaan Informasi dan Komunikasi Publik", "program"),
            ("Pengembangan Aplikasi dan Layanan SPBE", "program"),
            ("Pengelolaan Jaringan Intra Pemerintah", "program"),
            ("Penyelenggaraan Statistik Sektoral", "program"),
            ("Penyelenggaraan Persandian untuk Pengamanan Informasi", "program"),
        ),
        (
            Outcome("Indeks SPBE", "nilai", 2.8, 3.5),
            Outcome("Persentase aduan SP4N LAPOR yang ditindaklanjuti", "%", 90, 100),
        ),
        ("Teknologi Informasi dan Komunikasi", "Pelayanan Publik"),
        0.6,
        0.9,
    ),
    "koperasi_perdagangan": Sector(
        "2.17",
        (
            ("Pemberdayaan dan Perlindungan Koperasi", "program"),
            ("Pengembangan Usaha Mikro", "program"),
            ("Pembangunan dan Pengelolaan Sarana Distribusi Perdagangan", "konstruksi"),
            ("Stabilisasi Harga Barang Kebutuhan Pokok", "program"),
            ("Pelaksanaan Metrologi Legal", "program"),
        ),
        (
            Outcome("Persentase koperasi aktif", "%", 60, 80),
            Outcome("Jumlah usaha mikro yang naik kelas", "unit", 50, 150, cumulative=True),
            Outcome("Koefisien variasi harga barang kebutuhan pokok", "%", 5, 9, "negatif"),
        ),
        ("Perdagangan", "Ekonomi"),
        0.8,
        1.0,
    ),
    "penanaman_modal": Sector(
        "2.18",
        (
            ("Pelayanan Perizinan dan Nonperizinan Terpadu Satu Pintu", "program"),
            ("Promosi Penanaman Modal", "program"),
            ("Pengawasan Pelaksanaan Penanaman Modal", "program"),
        ),
        (
            Outcome("Nilai realisasi investasi", "miliar rupiah", 300, 900, cumulative=True),
            Outcome("Rata-rata waktu penerbitan perizinan", "hari", 2, 5, "negatif"),
        ),
        ("Perizinan", "Pelayanan Publik"),
        1.5,
        0.6,
    ),
    "kepemudaan_olahraga": Sector(
        "2.19",
        (
            ("Penyelenggaraan Kejuaraan Olahraga", "program"),
            ("Pembinaan dan Pengembangan Olahraga Prestasi", "program"),
            ("Pemberdayaan dan Pengembangan Pemuda", "program"),
            ("Pemeliharaan Sarana dan Prasarana Olahraga", "konstruksi"),
        ),
        (
            Outcome(
                "Jumlah medali yang diraih pada kejuaraan tingkat provinsi",
                "medali",
                20,
                45,
                cumulative=True,
            ),
            Outcome("Indeks pembangunan pemuda", "nilai", 52, 58),
        ),
        ("Kepemudaan dan Olahraga",),
        0.3,
        0.7,
    ),
    "perpustakaan_arsip": Sector(
        "2.23",
        (
            ("Pengembangan Koleksi Perpustakaan", "program"),
            ("Pembudayaan Gemar Membaca", "program"),
            ("Pengelolaan Arsip Dinamis", "program"),
            ("Penyelamatan dan Pelestarian Arsip Statis", "program"),
        ),
        (
            Outcome("Tingkat kegemaran membaca masyarakat", "nilai", 60, 70),
            Outcome("Jumlah pengunjung perpustakaan", "orang", 20000, 60000, cumulative=True),
            Outcome("Persentase perangkat daerah dengan pengelolaan arsip baik", "%", 70, 90),
        ),
        ("Pendidikan", "Pelayanan Publik"),
        0.2,
        0.5,
    ),
    "pariwisata": Sector(
        "3.26",
        (
            ("Pengelolaan Daya Tarik Wisata", "program"),
            ("Pemasaran Pariwisata", "program"),
            ("Penyelenggaraan Event Pariwisata dan Budaya", "program"),
            ("Pengembangan Ekonomi Kreatif", "program"),
        ),
        (
            Outcome("Jumlah kunjungan wisatawan", "orang", 300000, 900000, cumulative=True),
            Outcome("Rata-rata lama tinggal wisatawan", "hari", 1.2, 2.0),
        ),
        ("Pariwisata dan Seni Budaya",),
        0.5,
        0.7,
    ),
    "perikanan": Sector(
        "3.25",
        (
            ("Pengembangan Perikanan Budidaya", "program"),
            ("Penyediaan Benih Ikan", "program"),
            ("Pembinaan Kelompok Pembudidaya Ikan", "program"),
        ),
        (
            Outcome("Produksi perikanan budidaya", "ton", 300, 900, cumulative=True),
            Outcome("Angka konsumsi ikan", "kg/kapita/tahun", 30, 40),
        ),
        ("Pertanian dan Peternakan",),
        0.2,
        0.5,
    ),
    "kecamatan": Sector(
        "7.01",
        (
            ("Penyelenggaraan Musyawarah Perencanaan Pembangunan Kecamatan", "program"),
            ("Pembinaan Ketenteraman dan Ketertiban Umum Tingkat Kecamatan", "program"),
            ("Koordinasi Pemberdayaan Masyarakat Kelurahan", "program"),
            ("Penyelenggaraan Pelayanan Administrasi Terpadu Kecamatan", "rutin"),
            ("Pembangunan Sarana dan Prasarana Kelurahan", "konstruksi"),
        ),
        (
            Outcome("Indeks kepuasan masyarakat atas pelayanan kecamatan", "nilai", 80, 88),
            Outcome("Persentase usulan musrenbang kelurahan yang terakomodasi", "%", 40, 60),
            Outcome(
                "Jumlah layanan PATEN yang diselesaikan", "layanan", 1500, 4000, cumulative=True
            ),
        ),
        ("Pelayanan Publik", "Infrastruktur", "Ketenteraman dan Ketertiban Umum"),
        1.0,
        0.6,
    ),
}
