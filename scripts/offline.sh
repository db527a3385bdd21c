# Sourced by the run and test scripts: no telemetry, no downloads at run time.
export KEDRO_DISABLE_TELEMETRY=true
export DO_NOT_TRACK=1
export NLTK_DATA="${NLTK_DATA:-/nonexistent-nltk-data}"
export HF_HUB_OFFLINE=1
export MPLBACKEND=Agg
