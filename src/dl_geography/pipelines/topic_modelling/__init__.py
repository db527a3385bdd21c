"""Topic modelling (section 2.1.4): abstracts -> CorEx topics -> the DL label of each paper."""

from dl_geography.pipelines.topic_modelling.pipeline import create_pipeline

__all__ = ["create_pipeline"]
