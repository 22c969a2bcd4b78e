package torture

func holdChild() int { return 0 }

func fillChild() int { return 0 }
