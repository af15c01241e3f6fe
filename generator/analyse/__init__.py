"""STAND-IN until the analysis package lands: no facts yet."""
def analyse(articles, topics):
    return {}
