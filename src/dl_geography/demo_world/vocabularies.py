"""Word lists of the demo world: arXiv subjects, deep learning, CrunchBase sectors, names.

Phrases are written with ``_`` between their words (``neural_network``) and emitted with
spaces. Words come in inflected forms (plurals, ``-ed``/``-ing``, ``was``/``has``) so
that lemmatisation matters downstream.
"""

import numpy as np

# arXiv CS subjects (and stat.ML): base share of primary categories, whether the subject
# is DL-related (research strength tilts a region towards these, and DL papers carry
# them), and its topical vocabulary.
SUBJECTS: dict[str, tuple[float, bool, str]] = {
    "cs.IT": (
        0.085,
        False,
        "channel capacity codes coding decoding decoder receiver transmitter "
        "mimo fading entropy rate_region achievable_rate secrecy relay relays "
        "interference_channel spectral_efficiency modulation lattice_codes",
    ),
    "cs.LG": (
        0.07,
        True,
        "learning classifier classifiers regression kernel kernels "
        "generalization training_data supervised unsupervised features feature "
        "regularization loss_function convex_optimization prediction predictions boosting "
        "classification margin ensemble ensembles bandits bandit regret active_learning "
        "metric_learning hyperparameters overfitting crossvalidation kernelized boosted labels "
        "labeled unlabeled semisupervised multitask transfer",
    ),
    "cs.CV": (
        0.075,
        True,
        "image images pixel pixels segmentation detection object_detection "
        "visual video videos recognition camera scene scenes pose tracking "
        "stereo depth_estimation face faces photographs illumination optical_flow keypoints "
        "descriptors silhouettes saliency retinal microscopy superresolution denoising inpainting "
        "stereo_matching viewpoint occlusion occlusions landmarks",
    ),
    "cs.AI": (
        0.05,
        True,
        "agent agents planning reasoning knowledge ontology ontologies "
        "belief beliefs logic_programs constraint_satisfaction heuristic heuristics "
        "decision_making uncertainty answer_set argumentation preferences default_reasoning "
        "abduction fuzzy epistemic causal commonsense plans scheduling_problems",
    ),
    "cs.CL": (
        0.045,
        True,
        "language languages sentence sentences word words corpus corpora "
        "parsing parser translation machine_translation text texts semantic "
        "lexical syntactic speech dialogue morphology morphological tokens tagging entity "
        "entities summarization discourse grammar grammatical lexicon vocabulary "
        "question_answering sentiment multilingual bilingual",
    ),
    "cs.DS": (
        0.055,
        False,
        "algorithm algorithms approximation_algorithm polynomial_time "
        "graph graphs vertices edges complexity running_time data_structure "
        "sorting matching spanning_tree lower_bound upper_bound",
    ),
    "cs.NI": (
        0.05,
        False,
        "traffic routing protocol protocols wireless sensor_nodes "
        "throughput latency packets packet bandwidth nodes mobile_users "
        "congestion base_station internet topology",
    ),
    "cs.LO": (
        0.04,
        False,
        "logic logics semantics proof proofs calculus type_theory "
        "modal_logic verification theorem formulas satisfiability automata "
        "bisimulation temporal_logic",
    ),
    "cs.CR": (
        0.04,
        False,
        "security attack attacks attacker encryption cryptographic privacy "
        "authentication malware adversary secure protocol_security keys "
        "signature signatures vulnerability vulnerabilities",
    ),
    "cs.SI": (
        0.04,
        False,
        "social_media social_ties twitter users communities "
        "community_detection influence diffusion centrality online_social "
        "followers cascades information_spreading",
    ),
    "cs.DC": (
        0.04,
        False,
        "distributed parallel cluster clusters cloud scheduling "
        "consensus fault_tolerance processors gpu mapreduce scalability "
        "synchronization replication datacenter",
    ),
    "cs.SY": (
        0.04,
        False,
        "control controller controllers stability feedback linear_systems "
        "optimal_control dynamical_system observer power_grid actuators "
        "robust_control state_estimation",
    ),
    "cs.RO": (
        0.03,
        False,
        "robot robots robotic manipulation navigation motion_planning "
        "grasping locomotion trajectory trajectories localization slam "
        "autonomous_vehicles drones",
    ),
    "cs.IR": (
        0.03,
        False,
        "retrieval search_engine queries query ranking recommender "
        "recommendation recommendations relevance documents collaborative_filtering "
        "users_preferences click",
    ),
    "cs.CC": (
        0.025,
        False,
        "complexity np_hard hardness reductions circuit circuits "
        "boolean_functions lower_bounds complexity_classes oracle polynomial "
        "hierarchy",
    ),
    "cs.GT": (
        0.025,
        False,
        "game games equilibrium equilibria nash_equilibrium auction "
        "auctions mechanism_design players bidders welfare incentives "
        "strategies payoff",
    ),
    "cs.DM": (
        0.025,
        False,
        "combinatorics graph_coloring chromatic_number permutations "
        "enumeration partitions hypergraphs trees combinatorial bijection "
        "integer_sequences",
    ),
    "cs.PL": (
        0.025,
        False,
        "programming_language programs compiler compilers type_system "
        "types semantics_programs static_analysis functional_programming "
        "concurrency memory_safety interpreters",
    ),
    "cs.SE": (
        0.025,
        False,
        "software developers code_review bugs testing test_cases "
        "requirements maintenance repositories refactoring open_source "
        "software_engineering debugging",
    ),
    "cs.HC": (
        0.02,
        False,
        "user_study participants interface interfaces usability "
        "interaction interactive design_study visualization users_experience "
        "accessibility",
    ),
    "cs.CY": (
        0.02,
        False,
        "society ethics policy students education online_courses "
        "digital_divide citizens government regulation social_impact",
    ),
    "cs.NE": (
        0.02,
        True,
        "evolutionary genetic_algorithm genetic_programming population "
        "fitness mutation crossover swarm neuroevolution spiking_neurons "
        "evolutionary_algorithms evolution chromosome chromosomes selection_pressure memetic "
        "niching particle_swarm differential_evolution",
    ),
    "cs.DB": (
        0.02,
        False,
        "database databases query_processing sql transactions indexing "
        "index schema relational data_management data_integration "
        "query_optimization",
    ),
    "cs.CG": (
        0.015,
        False,
        "geometric polygons polygon convex_hull points_plane "
        "triangulation voronoi_diagram geometric_graphs range_searching",
    ),
    "cs.FL": (
        0.01,
        False,
        "automaton regular_languages grammars context_free "
        "finite_automata transducers words_languages",
    ),
    "cs.DL": (
        0.008,
        False,
        "citations citation bibliometric scholarly publications "
        "journals digital_libraries metadata authors_papers",
    ),
    "cs.MA": (
        0.01,
        False,
        "multi_agent multiagent_systems coordination negotiation "
        "cooperative agents_interaction consensus_agents",
    ),
    "cs.NA": (
        0.008,
        False,
        "numerical discretization finite_element solver solvers "
        "convergence_rate preconditioner linear_solver",
    ),
    "cs.CE": (
        0.008,
        False,
        "simulation simulations engineering_design computational_model "
        "finite_volume fluid materials",
    ),
    "cs.GR": (
        0.008,
        False,
        "rendering meshes mesh shading animation geometry_processing surfaces texture",
    ),
    "cs.MM": (
        0.008,
        False,
        "multimedia audio_visual streaming watermarking compression video_coding",
    ),
    "cs.SD": (
        0.008,
        False,
        "audio sound music acoustic speaker_recognition source_separation pitch",
    ),
    "cs.AR": (
        0.005,
        False,
        "hardware architecture cache memory_hierarchy processor fpga chip energy_efficiency",
    ),
    "cs.PF": (0.004, False, "performance_evaluation queueing benchmarks workload response_time"),
    "cs.MS": (0.004, False, "software_library toolbox package implementation numerical_software"),
    "cs.SC": (
        0.004,
        False,
        "symbolic_computation polynomials groebner_bases algebraic computer_algebra",
    ),
    "cs.ET": (
        0.004,
        False,
        "quantum_computing nanotechnology emerging_technologies memristor dna_computing",
    ),
    "cs.OS": (
        0.003,
        False,
        "operating_system kernel_module file_system virtualization virtual_machines",
    ),
    "cs.OH": (0.004, False, "computing_systems technology applications computer_science"),
    "stat.ML": (
        0.035,
        True,
        "statistical bayesian inference posterior sparse "
        "variational estimator estimators priors likelihood "
        "estimation latent_variables sampling gaussian_process mixture_model dirichlet "
        "markov_chain bootstrap nonparametric hypothesis_testing covariance consistency "
        "identifiability minimax shrinkage lasso",
    ),
}

# Which subjects a paper cross-lists with its primary subject: row = primary, value =
# (secondary, probability). Encodes arXiv's familiar multi-labels.
CROSS_LISTS: dict[str, list[tuple[str, float]]] = {
    "cs.LG": [("stat.ML", 0.65), ("cs.AI", 0.35), ("cs.CV", 0.12), ("cs.NE", 0.1)],
    "stat.ML": [("cs.LG", 0.8), ("cs.AI", 0.2)],
    "cs.CV": [("cs.LG", 0.45), ("cs.AI", 0.2), ("cs.MM", 0.05), ("cs.GR", 0.05)],
    "cs.CL": [("cs.AI", 0.45), ("cs.LG", 0.3), ("cs.IR", 0.12)],
    "cs.AI": [("cs.LG", 0.35), ("cs.LO", 0.15), ("cs.MA", 0.1), ("cs.CL", 0.1)],
    "cs.NE": [("cs.LG", 0.5), ("cs.AI", 0.35)],
    "cs.IT": [("math.IT", 0.95), ("cs.NI", 0.15)],
    "cs.NI": [("cs.IT", 0.25), ("cs.DC", 0.2), ("cs.SY", 0.1)],
    "cs.DS": [("cs.DM", 0.3), ("cs.CC", 0.25), ("math.CO", 0.15)],
    "cs.DM": [("math.CO", 0.7), ("cs.DS", 0.3)],
    "cs.CC": [("cs.DS", 0.35), ("cs.LO", 0.15)],
    "cs.LO": [("cs.PL", 0.3), ("math.LO", 0.3), ("cs.FL", 0.15)],
    "cs.SY": [("math.OC", 0.7), ("cs.RO", 0.1)],
    "cs.RO": [("cs.SY", 0.3), ("cs.AI", 0.25), ("cs.CV", 0.15)],
    "cs.SI": [("physics.soc-ph", 0.6), ("cs.CY", 0.2)],
    "cs.CR": [("cs.NI", 0.2), ("cs.CY", 0.15)],
    "cs.GT": [("cs.MA", 0.25), ("econ.TH", 0.2), ("cs.AI", 0.15)],
    "cs.IR": [("cs.CL", 0.25), ("cs.DB", 0.2), ("cs.LG", 0.15)],
    "cs.DC": [("cs.PF", 0.15), ("cs.NI", 0.2)],
    "cs.NA": [("math.NA", 0.95)],
    "cs.SD": [("eess.AS", 0.6), ("cs.LG", 0.2)],
    "cs.MM": [("cs.CV", 0.3), ("cs.IT", 0.15)],
}
# Extra subjects are sampled until a paper reaches its drawn number of subjects.
SUBJECTS_PER_PAPER = {1: 0.06, 2: 0.2, 3: 0.3, 4: 0.26, 5: 0.18}

# arXiv categories outside the study (papers listing only these must be filtered out).
NON_CS: dict[str, str] = {
    "math.PR": "probability martingale stochastic_process random_walk brownian_motion",
    "math.AP": "partial_differential equations elliptic parabolic sobolev solutions",
    "math.AG": "varieties schemes cohomology sheaves moduli curves",
    "hep-th": "string_theory gauge supersymmetry holography branes",
    "hep-ph": "quarks collider higgs boson neutrino masses",
    "astro-ph.GA": "galaxies stars dark_matter halo redshift",
    "cond-mat.str-el": "electrons lattice_model superconductivity spin magnetic",
    "quant-ph": "qubits entanglement quantum_states decoherence photons",
    "q-bio.PE": "populations species evolution fitness_landscape ecology",
    "physics.optics": "laser optical waveguide photonic dispersion",
    "gr-qc": "black_holes spacetime gravitational_waves einstein",
    "nucl-th": "nuclei nucleon scattering nuclear_matter",
}

# The deep learning vocabulary: distinctive, used several times by every DL abstract,
# rarely by others.
# Abstracts draw the k-th term with weight 1 / k, so the first ones are in most DL
# abstracts; ``deep learning`` is not first, because its ``learning`` is a cs.LG word.
DL_TERMS = [
    "neural_network",
    "neural_networks",
    "deep_neural_network",
    "convolutional_neural_network",
    "deep_learning",
    "convolutional_neural_networks",
    "recurrent_neural_network",
    "lstm",
    "layers",
    "hidden_layers",
    "trained",
    "backpropagation",
    "deep_architectures",
    "convolutional_layers",
    "activations",
    "dropout",
    "end_to_end",
    "deep_network",
    "autoencoder",
    "autoencoders",
    "representation_learning",
    "relu",
    "pretrained",
    "stochastic_gradient_descent",
    "fully_connected",
]
# A few DL terms, in a DL paper's title.
DL_TITLE_WORDS = [
    "Deep",
    "Convolutional",
    "Recurrent",
    "Neural",
    "Deep Neural",
    "End-to-End Deep",
    "Deep Convolutional",
    "LSTM-based",
]

# Generic scientific prose, shared by every abstract.
GENERIC_NOUNS = [
    "method",
    "methods",
    "approach",
    "approaches",
    "framework",
    "model",
    "models",
    "results",
    "experiments",
    "performance",
    "problem",
    "problems",
    "analysis",
    "datasets",
    "data",
    "paper",
    "evaluation",
    "baseline",
    "baselines",
    "accuracy",
    "applications",
]
GENERIC_VERBS = [
    "propose",
    "proposes",
    "proposed",
    "show",
    "shows",
    "showed",
    "present",
    "presents",
    "presented",
    "study",
    "studies",
    "studied",
    "improve",
    "improves",
    "improved",
    "demonstrate",
    "demonstrates",
    "achieved",
    "achieves",
    "develop",
    "developed",
    "introduce",
    "introduces",
    "outperforms",
    "evaluated",
]
ADJECTIVES = [
    "novel",
    "efficient",
    "simple",
    "robust",
    "scalable",
    "general",
    "new",
    "effective",
    "optimal",
    "practical",
    "large",
    "fast",
    "accurate",
]
# Sentence frames: {v} generic verb, {n} generic noun, {a} adjective, {s} subject term,
# {d} deep learning term (only DL sentences use {d}).
FRAMES = [
    "In this paper we {v} a {a} {n} for {s}.",
    "We {v} that the {s} {n} is {a} and {a}.",
    "Our {n} was evaluated on {s} and {s} {n}.",
    "The {n} has been {v} for {s} in several {n}.",
    "This {n} {v} the {s} of {s}.",
    "Experiments on {s} {v} that our {n} is {a}.",
    "We study the {s} and the {s} of the {n}.",
    "These {n} are {a} for {s} and {s}.",
    "Moreover, the {a} {n} were {v} with {s}.",
    "Finally, we {v} {s} for {a} {n}.",
]
# DL sentences share their frame words with the plain ones, so only the DL terms mark
# them out.
DL_FRAMES = [
    "We {v} a {d} with {d} for {s}.",
    "The {d} is {a} and the {d} was {v} on {s}.",
    "Our {d} has {d} and the {s} {n}.",
    "In this paper the {d} and {d} are {v} for {s}.",
    "These {n} {v} that {d} with {d} is {a}.",
]

# Letters with accents or Greek, for titles: the arXiv title writes them in LaTeX, the
# published title in Unicode.
TITLE_NAMES = [
    ("Poincar\\'e", "Poincaré"),
    ('G\\"odel', "Gödel"),
    ("Erd\\H{o}s-R\\'enyi", "Erdős-Rényi"),
    ("Fr\\'echet", "Fréchet"),
    ("L\\'evy", "Lévy"),
    ('Nystr\\"om', "Nyström"),
    ("B\\'ezier", "Bézier"),
    ('H\\"older', "Hölder"),
    ("Cram\\'er-Rao", "Cramér-Rao"),
    ('K\\"ahler', "Kähler"),
]
TITLE_GREEK = [
    ("$\\alpha$", "α"),
    ("$\\beta$", "β"),
    ("$\\epsilon$", "ε"),
    ("$\\lambda$", "λ"),
    ("$\\ell_1$", "ℓ1"),
    ("$k$", "k"),
    ("$\\mu$", "μ"),
]
TITLE_METHODS = [
    "Learning",
    "Estimation",
    "Optimization",
    "Analysis",
    "Inference",
    "Search",
    "Coding",
    "Scheduling",
    "Verification",
    "Detection",
    "Clustering",
    "Ranking",
    "Sampling",
    "Routing",
    "Embedding",
    "Matching",
    "Segmentation",
    "Planning",
    "Tracking",
    "Compression",
]
TITLE_QUALIFIERS = [
    "Efficient",
    "Robust",
    "Scalable",
    "Adaptive",
    "Distributed",
    "Sparse",
    "Online",
    "Stochastic",
    "Fast",
    "Provable",
    "Approximate",
    "Private",
    "Secure",
    "Hierarchical",
    "Incremental",
    "Randomized",
    "Bayesian",
    "Optimal",
    "Dynamic",
    "Joint",
]
TITLE_CONTEXTS = [
    "Large Graphs",
    "Wireless Networks",
    "Noisy Data",
    "Social Media",
    "Streaming Data",
    "Sensor Networks",
    "Medical Images",
    "Natural Language",
    "Multi-Agent Systems",
    "Cloud Platforms",
    "Mobile Devices",
    "Knowledge Bases",
    "Power Systems",
    "Autonomous Robots",
    "Online Markets",
    "Program Synthesis",
    "Crowdsourcing",
    "High Dimensions",
    "Time Series",
    "Point Clouds",
    "Federated Settings",
    "Video Streams",
    "Smart Cities",
    "Edge Computing",
    "Genomic Data",
]
SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ra",
    "ze",
    "tu",
    "no",
    "vi",
    "sa",
    "pe",
    "dro",
    "li",
    "an",
    "ter",
    "ix",
    "on",
    "um",
    "el",
    "ga",
    "bo",
    "fi",
    "ne",
    "qua",
    "sen",
    "tor",
    "vex",
]

# CrunchBase sectors (real category names): category group, whether AI/data/software
# (industry strength tilts a region towards these), base share, vocabulary. AI sectors
# borrow the deep learning vocabulary, so a classifier trained on descriptions
# transfers to abstracts.
SECTORS: dict[str, tuple[str, bool, float, str]] = {
    "Artificial Intelligence": (
        "Artificial Intelligence",
        True,
        0.03,
        "artificial_intelligence deep_learning neural_networks "
        "machine_learning intelligent algorithms trained models "
        "automation predictions",
    ),
    "Machine Learning": (
        "Artificial Intelligence",
        True,
        0.025,
        "machine_learning deep_learning neural_network models trained "
        "training_data predictions classifier algorithms",
    ),
    "Computer Vision": (
        "Artificial Intelligence",
        True,
        0.008,
        "computer_vision image_recognition images video object_detection "
        "convolutional_neural_networks cameras visual",
    ),
    "Natural Language Processing": (
        "Artificial Intelligence",
        True,
        0.006,
        "natural_language_processing text language chatbot "
        "speech translation semantic neural_networks",
    ),
    "Analytics": (
        "Data and Analytics",
        True,
        0.035,
        "analytics data insights dashboards predictive_analytics models "
        "statistical machine_learning reporting",
    ),
    "Big Data": (
        "Data and Analytics",
        True,
        0.02,
        "big_data data_platform distributed cluster data_processing queries "
        "scalability data_pipelines",
    ),
    "Software": (
        "Software",
        True,
        0.08,
        "software platform applications developers code tools cloud solutions workflow",
    ),
    "SaaS": (
        "Software",
        True,
        0.04,
        "saas subscription cloud platform businesses workflow software dashboard",
    ),
    "Enterprise Software": (
        "Software",
        True,
        0.03,
        "enterprise_software businesses platform integration databases workflow management",
    ),
    "Information Technology": (
        "Information Technology",
        True,
        0.04,
        "it_services infrastructure servers cloud systems_integration datacenter",
    ),
    "Robotics": (
        "Hardware",
        True,
        0.008,
        "robots robotic automation manipulation navigation drones autonomous",
    ),
    "Cyber Security": (
        "Privacy and Security",
        False,
        0.02,
        "security cyber_attacks encryption privacy authentication malware threats",
    ),
    "Internet of Things": (
        "Hardware",
        False,
        0.015,
        "iot sensors connected_devices wireless sensor_devices smart_home",
    ),
    "Telecommunications": (
        "Information Technology",
        False,
        0.02,
        "telecommunications wireless mobile_operators bandwidth data_traffic carriers",
    ),
    "Semiconductor": (
        "Hardware",
        False,
        0.008,
        "chips semiconductor processors hardware circuits fpga",
    ),
    "Video Games": ("Gaming", False, 0.02, "games players gaming graphics rendering multiplayer"),
    "FinTech": (
        "Financial Services",
        False,
        0.03,
        "payments banking financial lending transactions fintech",
    ),
    "Financial Services": (
        "Financial Services",
        False,
        0.03,
        "financial investment wealth insurance banking clients",
    ),
    "Health Care": (
        "Health Care",
        False,
        0.06,
        "health patients care clinics medical hospitals doctors",
    ),
    "Biotechnology": (
        "Biotechnology",
        False,
        0.04,
        "biotechnology drug proteins genomics therapies clinical",
    ),
    "Medical Device": (
        "Health Care",
        False,
        0.02,
        "medical_devices diagnostics implants surgical monitoring",
    ),
    "Education": (
        "Education",
        False,
        0.04,
        "education students teachers schools courses learning_platform",
    ),
    "E-Commerce": (
        "Commerce and Shopping",
        False,
        0.05,
        "online_store shopping ecommerce products customers delivery",
    ),
    "Advertising": (
        "Advertising",
        False,
        0.03,
        "advertising brands campaigns ads audiences marketing",
    ),
    "Social Media": (
        "Media and Entertainment",
        False,
        0.02,
        "social_media followers community sharing influencers",
    ),
    "Mobile Apps": ("Mobile", False, 0.04, "mobile_app smartphone ios android users"),
    "Real Estate": (
        "Real Estate",
        False,
        0.04,
        "real_estate property homes rental buildings agents",
    ),
    "Food and Beverage": (
        "Food and Beverage",
        False,
        0.04,
        "food restaurants beverages coffee recipes organic",
    ),
    "Travel": ("Travel and Tourism", False, 0.02, "travel hotels booking tourism trips"),
    "Fashion": ("Commerce and Shopping", False, 0.02, "fashion clothing apparel designers brands"),
    "Manufacturing": (
        "Manufacturing",
        False,
        0.04,
        "manufacturing factories production industrial machinery",
    ),
    "Automotive": (
        "Transportation",
        False,
        0.02,
        "automotive cars vehicles drivers electric_vehicles",
    ),
    "Renewable Energy": ("Energy", False, 0.02, "solar wind energy renewable power grid"),
    "Logistics": (
        "Transportation",
        False,
        0.02,
        "logistics shipping freight warehouse supply_chain",
    ),
    "Consulting": (
        "Professional Services",
        False,
        0.04,
        "consulting advisory clients strategy management",
    ),
    "Media and Entertainment": (
        "Media and Entertainment",
        False,
        0.03,
        "media entertainment content film television",
    ),
    "Music": ("Music and Audio", False, 0.01, "music artists audio streaming songs"),
    "Agriculture": (
        "Agriculture and Farming",
        False,
        0.01,
        "agriculture farmers crops farming soil",
    ),
    "Non Profit": (
        "Community and Lifestyle",
        False,
        0.02,
        "nonprofit charity community volunteers donations",
    ),
    "Quantum Computing": (
        "Science and Engineering",
        False,
        0.0008,
        "quantum_computing qubits quantum algorithms",
    ),
    "Facial Recognition": (
        "Artificial Intelligence",
        True,
        0.0006,
        "facial_recognition faces biometrics deep_learning cameras",
    ),
}
# Generic business prose for descriptions.
BUSINESS_ADJECTIVES = ["leading", "innovative", "global", "fast-growing", "trusted", "independent"]
BUSINESS_CLIENTS = [
    "businesses",
    "customers",
    "enterprises",
    "retailers",
    "hospitals",
    "banks",
    "developers",
    "small_businesses",
    "consumers",
    "governments",
]
BUSINESS_VERBS = ["provides", "offers", "delivers", "develops", "sells", "designs"]
# A few descriptions are not in English.
FOREIGN_DESCRIPTIONS = [
    "Empresa de tecnología que ofrece soluciones para clientes en toda la región.",
    "Entreprise innovante qui propose des services numériques aux entreprises.",
    "Unternehmen für digitale Lösungen und Dienstleistungen für den Mittelstand.",
    "Azienda italiana che sviluppa prodotti e servizi per le imprese.",
    "Empresa brasileira que oferece serviços digitais para pequenas empresas.",
]

# Institute names.
FIELDS = [
    "Computer Science",
    "Informatics",
    "Mathematics",
    "Physics",
    "Artificial Intelligence",
    "Information Technology",
    "Electronics",
    "Robotics",
    "Data Science",
    "Engineering",
    "Applied Mathematics",
    "Computational Science",
    "Telecommunications",
    "Systems Engineering",
    "Cognitive Science",
    "Statistics",
    "Signal Processing",
    "Quantum Information",
    "Bioinformatics",
    "Software Engineering",
    "Networks",
    "Automation",
    "Intelligent Systems",
    "Operations Research",
    "Complex Systems",
]
SURNAMES = [
    "Harwood",
    "Ellison",
    "Whitmore",
    "Ashford",
    "Bellamy",
    "Carrington",
    "Dunmore",
    "Fairbanks",
    "Grayson",
    "Halloway",
    "Kingsley",
    "Lockhart",
    "Merriweather",
    "Northcott",
    "Pemberton",
    "Radcliffe",
    "Sterling",
    "Thornbury",
    "Wexford",
    "Abernathy",
    "Blackwood",
    "Caldwell",
    "Davenport",
    "Everett",
    "Fitzgerald",
    "Goodwin",
    "Hastings",
    "Ingram",
    "Jennings",
    "Langford",
    "Montague",
    "Nightingale",
    "Oakley",
    "Prescott",
    "Quinton",
    "Rutherford",
    "Sinclair",
    "Templeton",
    "Underwood",
    "Vance",
    "Winslow",
    "Yardley",
    "Beaumont",
    "Chandler",
    "Delacroix",
    "Eastwood",
    "Forsythe",
    "Gilmore",
    "Holbrook",
    "Kendrick",
    "Lancaster",
    "Mansfield",
    "Norwood",
    "Osborne",
    "Pryce",
    "Redfield",
    "Sherwood",
    "Talbot",
    "Vaughan",
    "Westbrook",
]
COMPANY_STEMS = [
    "Nimbus",
    "Quantix",
    "Veridian",
    "Arcturus",
    "Helix",
    "Lumina",
    "Corvid",
    "Zephyr",
    "Orbital",
    "Cognita",
    "Axiom",
    "Vertex",
    "Stratos",
    "Nexa",
    "Polaris",
    "Synapse",
    "Tessera",
    "Kairos",
    "Meridian",
    "Aurora",
    "Cobalt",
    "Vector",
    "Lattice",
    "Quasar",
    "Photon",
    "Pixel",
    "Cortex",
    "Tensor",
    "Sigma",
    "Delta",
    "Epsilon",
    "Omni",
    "Hyper",
    "Neuro",
    "Astra",
    "Cirrus",
    "Ember",
    "Falcon",
    "Granite",
    "Harbor",
    "Iris",
    "Juniper",
    "Kestrel",
    "Lumen",
    "Mosaic",
    "Nova",
    "Onyx",
    "Prism",
    "Quill",
    "Raven",
    "Sable",
    "Titan",
    "Umbra",
    "Vireo",
    "Willow",
    "Xenon",
    "Yonder",
    "Zenith",
]
COMPANY_SUFFIXES = [
    "Labs",
    "Technologies",
    "Research",
    "Systems",
    "AI",
    "Analytics",
    "Software",
    "Networks",
    "Robotics",
    "Data",
]
DEPARTMENTS = [
    "Department of Computer Science",
    "Dept. of Computer Science",
    "School of Computer Science",
    "Department of Electrical Engineering",
    "Dept of EECS",
    "Department of Mathematics",
    "Faculty of Informatics",
    "Institute of Computer Science",
    "Computer Science Department",
    "School of Informatics",
    "Department of Statistics",
    "Laboratory for Information and Decision Systems",
    "Department of Electronic Engineering",
    "Center for Data Science",
]
# The words of institute names in local languages (for labels and local display names).
LOCAL_UNIVERSITY = {
    "de": "Universität {city}",
    "fr": "Université de {city}",
    "es": "Universidad de {city}",
    "it": "Università degli Studi di {city}",
    "pt": "Universidade de {city}",
    "nl": "Universiteit {city}",
    "sv": "{city} universitet",
    "pl": "Uniwersytet {city}",
    "da": "{city} Universitet",
    "fi": "{city} yliopisto",
    "no": "Universitetet i {city}",
    "cs": "Univerzita {city}",
    "hu": "{city} Egyetem",
    "tr": "{city} Üniversitesi",
}
LOCAL_TECHNICAL = {
    "de": "Technische Universität {city}",
    "fr": "École Polytechnique de {city}",
    "es": "Universidad Politécnica de {city}",
    "it": "Politecnico di {city}",
    "pt": "Instituto Superior Técnico de {city}",
    "nl": "Technische Universiteit {city}",
    "sv": "Tekniska högskolan i {city}",
    "pl": "Politechnika {city}",
    "da": "Danmarks Tekniske Universitet {city}",
    "fi": "{city} teknillinen yliopisto",
}


def phrases(words: list[str] | str) -> np.ndarray:
    """The words of a list, with ``_`` written as spaces, as a numpy object array."""
    if isinstance(words, str):
        words = words.split()
    return np.array([w.replace("_", " ") for w in words], dtype=object)


# Author names by language of the author's country ("other" for the rest).
FIRST_NAMES = {
    "en": "James Mary John Patricia Robert Jennifer Michael Linda David Elizabeth Sarah "
    "Thomas Emily Daniel Laura Matthew Rachel Andrew Hannah Peter",
    "zh": "Wei Fang Lei Jing Yang Min Jun Li Hao Xin Yu Tao Chen Ying Qiang Lin Hui "
    "Zhiwei Xiaoming Yiming",
    "de": "Lukas Anna Felix Lena Jonas Marie Tobias Julia Stefan Katrin Jürgen Sören",
    "fr": "Jean Marie Pierre Camille Louis Chloé Antoine Léa Hélène François Élodie",
    "ja": "Haruto Yui Sota Hina Takumi Aoi Kenji Yuki Hiroshi Sakura Takeshi",
    "es": "José María Carlos Lucía Javier Sofía Miguel Elena Andrés Inés",
    "it": "Marco Giulia Luca Francesca Alessandro Chiara Matteo Sara",
    "ko": "Min-jun Seo-yeon Ji-hoon Ha-eun Jae-won Soo-jin Hyun-woo",
    "other": "Ali Fatima Omar Priya Rahul Anil Sanjay Ivan Olga Dmitri Ana Mehmet Elif "
    "Reza Sara Nikos Eva Pavel Lars Ingrid Mikko",
}
LAST_NAMES = {
    "en": "Smith Johnson Williams Brown Jones Miller Davis Wilson Taylor Clark Lewis "
    "Walker Hall Young King Wright Scott Green Baker Adams",
    "zh": "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo",
    "de": "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann",
    "fr": "Martin Bernard Dubois Thomas Robert Richard Petit Durand Lefèvre Moreau",
    "ja": "Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato",
    "es": "García Rodríguez Martínez López González Pérez Sánchez Ramírez Torres",
    "it": "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci",
    "ko": "Kim Lee Park Choi Jung Kang Cho Yoon Jang",
    "other": "Kumar Singh Sharma Patel Ivanov Petrov Yilmaz Kaya Ahmadi Hosseini Silva "
    "Santos Nielsen Jensen Andersson Papadopoulos Nowak Kovács Virtanen",
}
