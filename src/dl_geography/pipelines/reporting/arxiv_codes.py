"""Names of arXiv's subject codes, for the report's glossary (arxiv.org/category_taxonomy).

Codes not listed here are shown with a pointer to the taxonomy rather than a guess.
"""

ARXIV_SUBJECTS = {
    "cs.AI": "Artificial Intelligence", "cs.AR": "Hardware Architecture",
    "cs.CC": "Computational Complexity",
    "cs.CE": "Computational Engineering, Finance, and Science",
    "cs.CG": "Computational Geometry", "cs.CL": "Computation and Language",
    "cs.CR": "Cryptography and Security",
    "cs.CV": "Computer Vision and Pattern Recognition", "cs.CY": "Computers and Society",
    "cs.DB": "Databases", "cs.DC": "Distributed, Parallel, and Cluster Computing",
    "cs.DL": "Digital Libraries", "cs.DM": "Discrete Mathematics",
    "cs.DS": "Data Structures and Algorithms", "cs.ET": "Emerging Technologies",
    "cs.FL": "Formal Languages and Automata Theory", "cs.GL": "General Literature",
    "cs.GR": "Graphics", "cs.GT": "Computer Science and Game Theory",
    "cs.HC": "Human-Computer Interaction", "cs.IR": "Information Retrieval",
    "cs.IT": "Information Theory", "cs.LG": "Machine Learning",
    "cs.LO": "Logic in Computer Science", "cs.MA": "Multiagent Systems",
    "cs.MM": "Multimedia", "cs.MS": "Mathematical Software", "cs.NA": "Numerical Analysis",
    "cs.NE": "Neural and Evolutionary Computing",
    "cs.NI": "Networking and Internet Architecture", "cs.OH": "Other Computer Science",
    "cs.OS": "Operating Systems", "cs.PF": "Performance",
    "cs.PL": "Programming Languages", "cs.RO": "Robotics", "cs.SC": "Symbolic Computation",
    "cs.SD": "Sound", "cs.SE": "Software Engineering",
    "cs.SI": "Social and Information Networks", "cs.SY": "Systems and Control",
    "stat.ML": "Machine Learning (Statistics)", "stat.ME": "Methodology (Statistics)",
    "stat.AP": "Applications (Statistics)", "stat.CO": "Computation (Statistics)",
    "stat.TH": "Statistics Theory", "stat.OT": "Other Statistics",
    "eess.AS": "Audio and Speech Processing", "eess.IV": "Image and Video Processing",
    "eess.SP": "Signal Processing", "eess.SY": "Systems and Control (EESS)",
    "math.OC": "Optimization and Control", "math.IT": "Information Theory (Mathematics)",
    "math.NA": "Numerical Analysis (Mathematics)", "math.ST": "Statistics Theory",
    "math.PR": "Probability", "math.CO": "Combinatorics", "math.LO": "Logic",
    "math.DS": "Dynamical Systems", "q-bio.NC": "Neurons and Cognition",
    "q-bio.QM": "Quantitative Methods (Biology)", "q-fin.CP": "Computational Finance",
    "q-fin.ST": "Statistical Finance", "physics.comp-ph": "Computational Physics",
    "physics.soc-ph": "Physics and Society",
    "physics.data-an": "Data Analysis, Statistics and Probability",
    "quant-ph": "Quantum Physics",
    "cond-mat.dis-nn": "Disordered Systems and Neural Networks",
    "econ.EM": "Econometrics", "econ.GN": "General Economics",
    "econ.TH": "Theoretical Economics",
}


def glossary(codes) -> list[tuple[str, str]]:
    """(code, name) for each distinct code, sorted; unknown codes point to the taxonomy."""
    return [(code, ARXIV_SUBJECTS.get(code, "see arxiv.org/category_taxonomy"))
            for code in sorted({str(c) for c in codes if isinstance(c, str) and c})]
